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

export class RateLimitExceededError extends ApiError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  readonly code = 'RATE_LIMIT_EXCEEDED';
  readonly i18nKey = 'common.rate_limit_exceeded';
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
