import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error.js';

export class ValidationFailedError extends ApiError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'VALIDATION_FAILED';
  readonly i18nKey = 'common.validation_failed';
}

export class RouteNotFoundError extends ApiError {
  readonly status = HttpStatus.NOT_FOUND;
  readonly code = 'NOT_FOUND';
  readonly i18nKey = 'common.not_found';
}

/**
 * A limit was reached. Whoever counted it says which limit and when it resets, and the filter renders that the same
 * way for every limit: `Retry-After` and `X-RateLimit-Limit`, `X-RateLimit-Remaining` (0), `X-RateLimit-Reset`.
 */
export class RateLimitExceededError extends ApiError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  readonly code = 'RATE_LIMIT_EXCEEDED';
  readonly i18nKey = 'common.rate_limit_exceeded';
  /** The limit that was reached (requests per window). */
  readonly limit?: number;

  constructor(options: { limit?: number; resetSeconds?: number; cause?: unknown } = {}) {
    super({ retryAfterSeconds: options.resetSeconds, cause: options.cause });
    this.limit = options.limit;
  }
}

export class PayloadTooLargeError extends ApiError {
  readonly status = HttpStatus.PAYLOAD_TOO_LARGE;
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly i18nKey = 'common.payload_too_large';
}

export class UnsupportedMediaTypeError extends ApiError {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly i18nKey = 'common.unsupported_media_type';
}

/** The request line and headers together are over the server's limit (Node's 16 KiB). */
export class RequestHeadersTooLargeError extends ApiError {
  // 431 Request Header Fields Too Large, which Nest's HttpStatus does not name.
  readonly status = 431 as HttpStatus;
  readonly code = 'REQUEST_HEADERS_TOO_LARGE';
  readonly i18nKey = 'common.request_headers_too_large';
}

/** The client took longer than the server allows to send its request. */
export class RequestTimeoutError extends ApiError {
  readonly status = HttpStatus.REQUEST_TIMEOUT;
  readonly code = 'REQUEST_TIMEOUT';
  readonly i18nKey = 'common.request_timeout';
}

/** The request's `Expect` header asks for something other than `100-continue`, the one expectation HTTP defines. */
export class ExpectationFailedError extends ApiError {
  readonly status = HttpStatus.EXPECTATION_FAILED;
  readonly code = 'EXPECTATION_FAILED';
  readonly i18nKey = 'common.expectation_failed';
}

/** A dependency we cannot do without (the database) is out of reach: retry later. */
export class ServiceUnavailableError extends ApiError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly code = 'common.service_unavailable';
  readonly i18nKey = 'common.service_unavailable';
}

export class InternalError extends ApiError {
  readonly status = HttpStatus.INTERNAL_SERVER_ERROR;
  readonly code = 'INTERNAL_ERROR';
  readonly i18nKey = 'common.internal_error';
}
