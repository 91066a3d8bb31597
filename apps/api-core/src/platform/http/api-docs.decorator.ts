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

type Answer =
  /** 200 with `{ success: true, data: <response> }`. */
  | { response: Type<unknown>; redirect?: never }
  /** 302 to the `url` the handler returns (browser round trips through Stripe). */
  | { redirect: true; response?: never };

export type ApiDocOptions = Answer & {
  summary: string;
  description: string;
  /** One example instance of every error the route's own logic can answer with. */
  errors?: ApiError[];
  /** Whether the route reads a JSON body (its validation failures are documented). */
  body?: boolean;
  /** False on routes with `@SkipThrottle()`: no 429 to document. */
  throttled?: boolean;
};

/**
 * A route's Swagger page: its answer in the envelope and every error status it can answer with, an example of
 * each code. Documentation only: auth and limits are the route's own decorators.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
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
    new ServiceUnavailableError(),
  ];
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ...answerResponses(options),
    ApiErrorResponses(...errors),
  );
}

function answerResponses(answer: Answer): MethodDecorator[] {
  if (answer.redirect) {
    return [
      ApiResponse({
        status: HttpStatus.FOUND,
        description: 'Redirect',
        headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
      }),
    ];
  }
  return [
    ApiExtraModels(answer.response),
    ApiResponse({ status: HttpStatus.OK, description: 'Success', schema: apiResponseOf(answer.response) }),
  ];
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
        description: [...new Set(group.map((error) => error.code))].join(', '),
        content: errorContent(group),
      }),
    ),
  );
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
