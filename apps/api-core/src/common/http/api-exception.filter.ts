import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import Stripe from 'stripe';
import { UnauthorizedError } from '../../modules/auth/auth.errors.js';
import { isDatabaseUnavailable } from '../../modules/database/database-unavailable.js';
import { apiErrorForStripeFailure } from '../../modules/payment/stripe-failure.js';
import { ApiError } from '../errors/api-error.js';
import {
  InternalError,
  PayloadTooLargeError,
  RateLimitExceededError,
  RouteNotFoundError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from '../errors/common.errors.js';
import { negotiateLanguage } from '../i18n/translator.js';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id.js';
import { errorEnvelope } from './envelope.js';

type HttpRequest = { headers: Record<string, string | string[] | undefined>; method?: string; url?: string };

/** An error thrown by the HTTP layer below Nest (body parsing, size limits), as Fastify and Express shape them. */
interface TransportError {
  statusCode: number;
  code?: string;
  type?: string;
  message: string;
}

type Classified =
  | { family: 'api'; error: ApiError }
  | { family: 'throttle' }
  | { family: 'not_found' }
  | { family: 'auth' }
  | { family: 'http'; exception: HttpException }
  | { family: 'transport'; error: TransportError }
  | { family: 'stripe'; error: Stripe.errors.StripeError }
  | { family: 'prisma_unavailable'; error: unknown }
  | { family: 'unknown'; error: unknown };

/** The one place any error becomes the contract's envelope; nothing else writes an error body. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.render(exception, http.getRequest<HttpRequest>(), http.getResponse());
  }

  render(exception: unknown, request: HttpRequest, response: unknown): void {
    const error = this.toApiError(classify(exception));
    // The HTTP edge decided it and put it in the headers (a fresh one only when the edge never saw the request).
    const correlationId = correlationIdFor(request.headers);
    const language = negotiateLanguage(headerValue(request.headers['accept-language']));
    const body = errorEnvelope(error, language, correlationId);
    if (error.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(
        { err: exception, code: error.code, status: error.status },
        `${request.method} ${request.url} failed`,
      );
    }
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(response, CORRELATION_ID_HEADER, correlationId);
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.setHeader(response, 'Content-Language', language);
    if (error.retryAfterSeconds !== undefined)
      adapter.setHeader(response, 'Retry-After', String(error.retryAfterSeconds));
    if (error instanceof RateLimitExceededError && error.limit !== undefined) {
      adapter.setHeader(response, 'X-RateLimit-Limit', String(error.limit));
      adapter.setHeader(response, 'X-RateLimit-Remaining', '0');
      adapter.setHeader(response, 'X-RateLimit-Reset', String(error.retryAfterSeconds ?? 0));
    }
    adapter.reply(response, body, error.status);
  }

  private toApiError(classified: Classified): ApiError {
    switch (classified.family) {
      case 'api':
        return classified.error;
      case 'throttle':
        return new RateLimitExceededError();
      case 'not_found':
        return new RouteNotFoundError();
      case 'auth':
        return new UnauthorizedError('auth.token.invalid');
      case 'http':
        return apiErrorForHttpException(classified.exception);
      case 'transport':
        return apiErrorForTransportError(classified.error);
      case 'stripe':
        return apiErrorForStripeFailure(classified.error);
      case 'prisma_unavailable':
        return new ServiceUnavailableError({ cause: classified.error, retryAfterSeconds: 5 });
      case 'unknown':
        return new InternalError({ cause: classified.error });
      default:
        return assertNever(classified);
    }
  }
}

function classify(exception: unknown): Classified {
  if (exception instanceof ApiError) return { family: 'api', error: exception };
  // A path that cannot be percent-decoded (`/api/v1/%ff`) names no route: Express's router throws a URIError,
  // which Nest's Express adapter wraps in a BadRequestException (Fastify's router refuses it in bootstrap.ts).
  if (exception instanceof URIError || (exception as { cause?: unknown } | null)?.cause instanceof URIError)
    return { family: 'not_found' };
  if (exception instanceof ThrottlerException) return { family: 'throttle' };
  if (exception instanceof HttpException) {
    if (exception.getStatus() === HttpStatus.NOT_FOUND) return { family: 'not_found' };
    if (exception.getStatus() === HttpStatus.UNAUTHORIZED) return { family: 'auth' };
    return { family: 'http', exception };
  }
  if (exception instanceof Stripe.errors.StripeError) return { family: 'stripe', error: exception };
  if (isDatabaseUnavailable(exception)) return { family: 'prisma_unavailable', error: exception };
  if (isTransportError(exception)) return { family: 'transport', error: exception };
  return { family: 'unknown', error: exception };
}

function isTransportError(exception: unknown): exception is TransportError {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return exception instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function apiErrorForTransportError(error: TransportError): ApiError {
  if (error.statusCode === HttpStatus.PAYLOAD_TOO_LARGE) return new PayloadTooLargeError({ cause: error });
  if (error.statusCode === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return new UnsupportedMediaTypeError({ cause: error });
  const message = /json/i.test(`${error.code ?? ''} ${error.type ?? ''} ${error.message}`)
    ? 'Body is not valid JSON'
    : 'The request could not be read';
  return new ValidationFailedError({ details: [{ message }], cause: error });
}

function apiErrorForHttpException(exception: HttpException): ApiError {
  switch (exception.getStatus()) {
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

/** A JSON parser's own message differs per adapter and can quote the body (a password) back: one sentence instead. */
function badRequestMessage(exception: HttpException): string {
  const unreadableJson = exception.cause instanceof SyntaxError || /json/i.test(exception.message);
  return unreadableJson ? 'Body is not valid JSON' : exception.message;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function assertNever(value: never): never {
  throw new Error(`Unclassified error family: ${JSON.stringify(value)}`);
}
