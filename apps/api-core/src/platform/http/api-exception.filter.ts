import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import {
  InternalError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from '../errors/common.errors.js';
import { ForeignErrors } from '../errors/foreign-errors.js';
import { correlationIdFor } from './correlation-id.js';
import { errorAnswer } from './error-answer.js';

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

/** The one place any error thrown while serving a request becomes the contract's envelope. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly foreignErrors: ForeignErrors) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = toApiError(this.classify(exception));
    if (error.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      // The path only: a query string can carry a signed onboarding state.
      this.logger.error(
        { err: exception, code: error.code, status: error.status },
        `${request.method} ${request.url.split('?')[0]} failed`,
      );
    }
    // The HTTP edge decided the correlation id and put it in the request's headers.
    const answer = errorAnswer(error, correlationIdFor(request.headers), request.headers['accept-language']);
    http.getResponse<FastifyReply>().code(answer.status).headers(answer.headers).send(answer.body);
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
