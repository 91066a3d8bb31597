import { applyDecorators, HttpCode, HttpStatus, Redirect, type Type, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { UnauthorizedI18nKey } from '../../modules/auth/auth.errors.js';
import { JwtAuthGuard } from '../../modules/auth/jwt-auth.guard.js';
import { RateLimited, RateLimitGuard } from '../../modules/rate-limit/rate-limit.guard.js';
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
import { InSuccessEnvelope } from './success-envelope.decorator.js';

type EndpointAccess =
  /** `bearer`: the JWT guard runs first and limits count per user; `public`: limits count per client address. */
  | { auth: 'bearer' | 'public'; rateLimit: { limit: number; windowMs: number } }
  /** Stripe's webhook: the service verifies the signature of the raw body; no limit stands between Stripe and us. */
  | { auth: 'stripe-signature' };

type EndpointAnswer =
  /** 200 with `{ success: true, data: <response> }`. */
  | { response: Type<unknown>; redirect?: never }
  /** 302 to the `url` the handler returns (browser round trips through Stripe). */
  | { redirect: true; response?: never };

export type EndpointOptions = EndpointAccess &
  EndpointAnswer & {
    summary: string;
    description: string;
    /** One example instance of every error the route's own logic can answer with. */
    errors?: ApiError[];
    /** Whether the route reads a JSON body (its validation failures are documented). */
    body?: boolean;
  };

const TOKEN_FAILURES: UnauthorizedI18nKey[] = [
  'auth.token.missing',
  'auth.token.invalid',
  'auth.token.expired',
  'auth.token.user_not_found',
];

/**
 * Everything a route needs besides its handler: success status 200, auth, rate limit and its Swagger page
 * (the envelope schema and every error status with an example of each code).
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const errors = [
    ...(options.body
      ? [new ValidationFailedError({ details: [{ field: 'email', message: 'email must be an email' }] })]
      : []),
    ...(options.errors ?? []),
    // A body sent to any route is read (and refused when too large or not JSON) before guards and handler run.
    new PayloadTooLargeError(),
    new UnsupportedMediaTypeError(),
    ...(options.auth === 'stripe-signature' ? [] : [new RateLimitExceededError()]),
    new InternalError(),
    new ServiceUnavailableError(),
  ];
  return applyDecorators(
    ...accessDecorators(options),
    ...answerDecorators(options),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiExtraModels(ApiErrorResponseDto),
    ...errorResponses(errors),
  );
}

function accessDecorators(access: EndpointAccess): MethodDecorator[] {
  if (access.auth === 'stripe-signature') return [];
  const limited = RateLimited(access.rateLimit);
  if (access.auth === 'public') return [UseGuards(RateLimitGuard), limited];
  return [
    UseGuards(JwtAuthGuard, RateLimitGuard),
    limited,
    ApiBearerAuth(),
    ApiCookieAuth('access_token'),
    unauthorizedResponse(),
  ];
}

function answerDecorators(answer: EndpointAnswer): MethodDecorator[] {
  if (answer.redirect) {
    return [
      Redirect(undefined, HttpStatus.FOUND),
      ApiResponse({
        status: HttpStatus.FOUND,
        description: 'Redirect',
        headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
      }),
    ];
  }
  return [
    InSuccessEnvelope(),
    HttpCode(HttpStatus.OK),
    ApiExtraModels(answer.response),
    ApiResponse({ status: HttpStatus.OK, description: 'Success', schema: apiResponseOf(answer.response) }),
  ];
}

/** Error answers of a route outside `@Endpoint` (the health checks): one response per status, an example each. */
export function ApiErrorResponses(...errors: ApiError[]): MethodDecorator {
  return applyDecorators(ApiExtraModels(ApiErrorResponseDto), ...errorResponses(errors));
}

function unauthorizedResponse(): MethodDecorator {
  return ApiResponse({
    status: HttpStatus.UNAUTHORIZED,
    description: 'Missing, malformed, expired or wrongly signed bearer token, or its user no longer exists',
    content: errorContent(TOKEN_FAILURES.map((key) => ({ code: 'AUTH_UNAUTHORIZED', i18nKey: key }))),
  });
}

function errorResponses(errors: ApiError[]): MethodDecorator[] {
  const byStatus = new Map<number, ApiError[]>();
  for (const error of errors) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  return [...byStatus].map(([status, group]) =>
    ApiResponse({
      status,
      description: group.map((error) => error.code).join(', '),
      content: errorContent(group),
    }),
  );
}

function errorContent(errors: Pick<ApiError, 'code' | 'i18nKey' | 'i18nVars' | 'details'>[]) {
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
