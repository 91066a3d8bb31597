import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { DomainError } from '../errors/api-error.js';
import { RateLimitExceededError } from '../errors/common.errors.js';
import { ErrorTranslator } from '../errors/error-translator.js';
import { ForeignErrors } from '../errors/foreign-errors.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import type { ErrorEnvelope } from './envelope.js';

class AccountNotActiveError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.not_active';
  constructor(status: string) {
    super({ i18nVars: { status } });
  }
}

class LibraryError extends Error {}
class LibraryUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly code = 'common.service_unavailable';
}

/** The filter over a recording stand-in for Fastify's reply, with one foreign error translation registered. */
function renderThroughFilter(exception: unknown, headers: Record<string, string> = {}) {
  const sent: { status?: number; body?: ErrorEnvelope; headers: Record<string, string> } = { headers: {} };
  const reply = {
    code(status: number) {
      sent.status = status;
      return reply;
    },
    headers(values: Record<string, string>) {
      for (const [name, value] of Object.entries(values)) sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body: string) {
      sent.body = JSON.parse(body) as ErrorEnvelope;
    },
  };
  // As the HTTP edge leaves them: the request's correlation id decided and written into its headers.
  const request = {
    headers: { 'x-correlation-id': 'corr-id-12345678', ...headers },
    method: 'POST',
    url: '/x?state=secret',
  };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) };
  const foreignErrors = new ForeignErrors();
  foreignErrors.register((error) =>
    error instanceof LibraryError ? new LibraryUnavailableError() : undefined,
  );
  new ApiExceptionFilter(new ErrorTranslator(foreignErrors)).catch(exception, host as never);
  return sent;
}

describe('ApiExceptionFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('renders a domain error with its code, translated message, vars and the correlation id', () => {
    const sent = renderThroughFilter(new AccountNotActiveError('RESTRICTED'), {
      'accept-language': 'fr',
    });
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      success: false,
      error: {
        code: 'creator.stripe.not_active',
        message: 'Terminez la configuration de votre compte (statut actuel : RESTRICTED).',
        i18nKey: 'creator.stripe.not_active',
        i18nVars: { status: 'RESTRICTED' },
        correlationId: 'corr-id-12345678',
      },
    });
    expect(sent.headers['x-correlation-id']).toBe('corr-id-12345678');
    expect(sent.headers['cache-control']).toBe('no-store');
    expect(sent.headers['content-language']).toBe('fr');
  });

  it('turns anything unexpected into 500 INTERNAL_ERROR without its message or stack', () => {
    const sent = renderThroughFilter(new TypeError('password=hunter2 at Object.<anonymous> (/app/x.js:1:1)'));
    expect(sent.status).toBe(500);
    expect(sent.body?.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side.',
      i18nKey: 'common.internal_error',
      correlationId: 'corr-id-12345678',
    });
    expect(JSON.stringify(sent.body)).not.toContain('hunter2');
  });

  it('renders a foreign error as the part of the app that registered its translation says', () => {
    const sent = renderThroughFilter(new LibraryError('socket hang up'));
    expect([sent.status, sent.body?.error.code]).toEqual([503, 'common.service_unavailable']);
  });

  it.each([
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [new BadRequestException('Unexpected token'), 400, 'VALIDATION_FAILED'],
    [new HttpException('teapot', 418), 404, 'NOT_FOUND'],
    [new HttpException('bad gateway', 502), 500, 'INTERNAL_ERROR'],
    [
      Object.assign(new Error('Body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      Object.assign(new SyntaxError('Unexpected token } in JSON'), { statusCode: 400 }),
      400,
      'VALIDATION_FAILED',
    ],
  ])('maps %o to %i %s', (exception, status, code) => {
    const sent = renderThroughFilter(exception);
    expect([sent.status, sent.body?.error.code]).toEqual([status, code]);
  });

  it('renders any 429 that names its limit with Retry-After and the X-RateLimit-* headers', () => {
    const sent = renderThroughFilter(new RateLimitExceededError({ limit: 10, resetSeconds: 842 }));
    expect(sent.status).toBe(429);
    expect(sent.headers).toMatchObject({
      'retry-after': '842',
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '842',
    });
    expect(sent.body?.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      i18nKey: 'common.rate_limit_exceeded',
    });
  });
});
