import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from './api-error.js';
import {
  InternalError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from './common.errors.js';
import { ForeignErrors } from './foreign-errors.js';

/** An error thrown by Fastify below Nest (body parsing, size limits). */
interface TransportError {
  statusCode: number;
  code?: string;
  message: string;
}

type Classified =
  /** Ours: a domain or platform error thrown on purpose. */
  | { family: 'api'; error: ApiError }
  /** A library's or service's error, translated by the part of the app that owns it (see ForeignErrors). */
  | { family: 'foreign'; error: ApiError; cause: unknown }
  /** Nest's own: an unknown route, a parser's refusal. */
  | { family: 'http'; exception: HttpException }
  | { family: 'transport'; error: TransportError }
  | { family: 'unknown'; error: unknown };

/**
 * What any error thrown while serving a request means for the caller, as an ApiError: ours as they are, foreign ones
 * as the part of the app that owns them translates them, the framework's by status, anything else a 500. The
 * exception filter renders the result as the envelope; the onboarding redirects render it as the page's reason.
 */
@Injectable()
export class ErrorTranslator {
  constructor(private readonly foreignErrors: ForeignErrors) {}

  toApiError(exception: unknown): ApiError {
    return toApiError(this.classify(exception));
  }

  private classify(exception: unknown): Classified {
    if (exception instanceof ApiError) return { family: 'api', error: exception };
    const translated = this.foreignErrors.translate(exception);
    if (translated) return { family: 'foreign', error: translated, cause: exception };
    if (exception instanceof HttpException) return { family: 'http', exception };
    if (isTransportError(exception)) return { family: 'transport', error: exception };
    return { family: 'unknown', error: exception };
  }
}

function toApiError(classified: Classified): ApiError {
  switch (classified.family) {
    case 'api':
    case 'foreign':
      return classified.error;
    case 'http':
      return apiErrorForHttpException(classified.exception);
    case 'transport':
      return apiErrorForTransportError(classified.error);
    case 'unknown':
      return new InternalError({ cause: classified.error });
    default:
      return assertNever(classified);
  }
}

function isTransportError(exception: unknown): exception is TransportError {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return exception instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function apiErrorForTransportError(error: TransportError): ApiError {
  if (error.statusCode === HttpStatus.PAYLOAD_TOO_LARGE) return new PayloadTooLargeError({ cause: error });
  if (error.statusCode === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return new UnsupportedMediaTypeError({ cause: error });
  const message = /json/i.test(`${error.code ?? ''} ${error.message}`)
    ? 'Body is not valid JSON'
    : 'The request could not be read';
  return new ValidationFailedError({ details: [{ message }], cause: error });
}

function apiErrorForHttpException(exception: HttpException): ApiError {
  switch (exception.getStatus()) {
    case HttpStatus.NOT_FOUND:
      return new RouteNotFoundError({ cause: exception });
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new PayloadTooLargeError({ cause: exception });
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return new UnsupportedMediaTypeError({ cause: exception });
    case HttpStatus.BAD_REQUEST:
      return new ValidationFailedError({
        details: [{ message: badRequestMessage(exception) }],
        cause: exception,
      });
    default:
      return exception.getStatus() < 500
        ? new RouteNotFoundError({ cause: exception })
        : new InternalError({ cause: exception });
  }
}

/** A JSON parser's own message can quote the body (a password) back: one sentence instead. */
function badRequestMessage(exception: HttpException): string {
  const unreadableJson = exception.cause instanceof SyntaxError || /json/i.test(exception.message);
  return unreadableJson ? 'Body is not valid JSON' : exception.message;
}

function assertNever(value: never): never {
  throw new Error(`Unclassified error family: ${JSON.stringify(value)}`);
}
