import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ApiError } from '../errors/api-error.js';
import {
  InternalError,
  PayloadTooLargeError,
  RateLimitExceededError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from '../errors/common.errors.js';
import { translate } from '../i18n/translator.js';
import { ApiErrorResponseDto, apiResponseOf } from './api-response.dto.js';

/** A response header as the document declares it. */
interface HeaderObject {
  description: string;
  schema: { type: 'string' | 'integer' };
}

type Answer =
  /** 200 with `{ success: true, data: <response> }`. */
  | { response: Type<unknown>; redirect?: never }
  /** 302 to the `url` the handler returns (browser round trips through Stripe). */
  | { redirect: true; response?: never };

export type ApiDocOptions = Answer & {
  /** What a generated client names the call (`getDashboardLink`). */
  operationId: string;
  summary: string;
  description: string;
  /** One example instance of every error the route's own logic can answer with. */
  errors?: ApiError[];
  /** Whether the route reads a JSON body (its validation failures are documented). */
  body?: boolean;
  /** False on routes with `@SkipThrottle()`: no 429 to document. */
  throttled?: boolean;
  /** False on a route that reaches no database, Redis or Stripe (liveness): it never answers 503. */
  reachesServices?: boolean;
};

/**
 * A route's Swagger page: its answer in the envelope and every error status it can answer with, an example of
 * each code. Documentation only: auth and limits are the route's own decorators.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  const operation = ApiOperation({
    operationId: options.operationId,
    summary: options.summary,
    description: options.description,
  });
  // A browser round trip answers every failure with a redirect too (its route's filter): no error to document.
  if (options.redirect)
    return applyDecorators(operation, ...answerResponses(options, options.throttled !== false));
  const errors = [
    ...(options.body
      ? [new ValidationFailedError({ details: [{ field: 'email', message: 'email must be an email' }] })]
      : []),
    ...(options.errors ?? []),
    // A body sent to any route is read (and refused when too large or not JSON) before guards and handler run.
    new PayloadTooLargeError(),
    new UnsupportedMediaTypeError(),
    ...(options.throttled === false ? [] : [new RateLimitExceededError()]),
    new InternalError(),
    ...(options.reachesServices === false ? [] : [new ServiceUnavailableError()]),
  ];
  return applyDecorators(
    operation,
    ...answerResponses(options, options.throttled !== false),
    ApiErrorResponses(...errors),
  );
}

function answerResponses(answer: Answer, throttled: boolean): MethodDecorator[] {
  const headers = { ...CORRELATION_ID_HEADER, ...(throttled && RATE_LIMIT_HEADERS) };
  if (answer.redirect) {
    return [
      ApiResponse({
        status: HttpStatus.FOUND,
        description: 'Redirect',
        headers: {
          Location: { description: 'Where the browser goes next', schema: { type: 'string' } },
          ...headers,
        },
      }),
    ];
  }
  return [
    ApiExtraModels(answer.response),
    ApiResponse({
      status: HttpStatus.OK,
      description: 'Success',
      schema: apiResponseOf(answer.response),
      headers,
    }),
  ];
}

/** On every answer: the request's correlation id (the one sent, when acceptable, else a new one). */
export const CORRELATION_ID_HEADER: Record<string, HeaderObject> = {
  'x-correlation-id': {
    description: 'The request’s correlation id, also in an error’s body: quote it to support',
    schema: { type: 'string' },
  },
};

/** On every answer of a limited route: its limit, what is left of it, and when the window resets. */
const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
};

const RETRY_AFTER_HEADER: Record<string, HeaderObject> = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
};

/** The headers an error answer of this status carries, besides the correlation id. */
function errorHeaders(status: number): Record<string, HeaderObject> {
  if (status === HttpStatus.TOO_MANY_REQUESTS) return { ...RETRY_AFTER_HEADER, ...RATE_LIMIT_HEADERS };
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return RETRY_AFTER_HEADER;
  return {};
}

/** Error answers, one response per status with an example of each code. */
export function ApiErrorResponses(...errors: ApiError[]): MethodDecorator {
  const byStatus = new Map<number, ApiError[]>();
  for (const error of errors) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  return applyDecorators(
    ApiExtraModels(ApiErrorResponseDto),
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        description: [...new Set(group.map(describe))].join(', '),
        headers: { ...CORRELATION_ID_HEADER, ...errorHeaders(status) },
        content: errorContent(group),
      }),
    ),
  );
}

/** `creator.stripe.not_active`, or `AUTH_UNAUTHORIZED (auth.token.expired)` when the key says more than the code. */
function describe(error: ApiError): string {
  return error.code === error.i18nKey ? error.code : `${error.code} (${error.i18nKey})`;
}

function errorContent(errors: ApiError[]) {
  const examples = Object.fromEntries(
    errors.map((error) => [
      error.i18nKey,
      {
        summary: error.code,
        value: {
          success: false,
          error: {
            code: error.code,
            message: translate(error.i18nKey, 'en', error.i18nVars),
            i18nKey: error.i18nKey,
            ...(error.i18nVars && { i18nVars: error.i18nVars }),
            ...(error.details && { details: error.details }),
            correlationId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
          },
        },
      },
    ]),
  );
  return { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponseDto) }, examples } };
}
