import { Prisma } from '@biore/database';
import {
  BadRequestException,
  HttpStatus,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import Stripe from 'stripe';
import { StripeAccountNotActiveError } from '../../modules/creator/creator.errors.js';
import { RateLimitExceededError } from '../errors/common.errors.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import type { ErrorEnvelope } from './envelope.js';

/** The filter's mapping of every error family, with a recording stand-in for the HTTP adapter. */
function renderThroughFilter(exception: unknown, headers: Record<string, string> = {}) {
  const sent: { status?: number; body?: ErrorEnvelope; headers: Record<string, string> } = { headers: {} };
  const adapterHost = {
    httpAdapter: {
      setHeader: (_response: unknown, name: string, value: string) => {
        sent.headers[name.toLowerCase()] = value;
      },
      reply: (_response: unknown, body: ErrorEnvelope, status: number) => {
        sent.body = body;
        sent.status = status;
      },
    },
  } as unknown as HttpAdapterHost;
  // As the HTTP edge leaves them: the request's correlation id decided and written into its headers.
  const edgeHeaders = { 'x-correlation-id': 'corr-id-12345678', ...headers };
  new ApiExceptionFilter(adapterHost).render(
    exception,
    { headers: edgeHeaders, method: 'POST', url: '/x' },
    {},
  );
  return sent;
}

describe('ApiExceptionFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('renders a domain error with its code, translated message, vars and the correlation id', () => {
    const sent = renderThroughFilter(new StripeAccountNotActiveError('RESTRICTED'), {
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

  it.each([
    [new ThrottlerException(), 429, 'RATE_LIMIT_EXCEEDED'],
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [new BadRequestException('Unexpected token'), 400, 'VALIDATION_FAILED'],
    [
      Object.assign(new Error('Body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      new Prisma.PrismaClientKnownRequestError('down', { code: 'P1001', clientVersion: '7' }),
      503,
      'common.service_unavailable',
    ],
    [
      new Prisma.PrismaClientKnownRequestError('unique', { code: 'P2002', clientVersion: '7' }),
      500,
      'INTERNAL_ERROR',
    ],
    [
      Object.assign(new Error('driver'), { cause: { code: 'ECONNREFUSED' } }),
      503,
      'common.service_unavailable',
    ],
    // A raw query's failure carries the driver adapter's own kind (here: the server closed the connection).
    [
      new Prisma.PrismaClientKnownRequestError('raw', {
        code: 'P2010',
        clientVersion: '7',
        meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } },
      }),
      503,
      'common.service_unavailable',
    ],
    [
      new Prisma.PrismaClientKnownRequestError('raw', {
        code: 'P2010',
        clientVersion: '7',
        meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57014' } } },
      }),
      503,
      'common.service_unavailable',
    ],
    [
      new Prisma.PrismaClientKnownRequestError('raw', {
        code: 'P2010',
        clientVersion: '7',
        meta: { driverAdapterError: { cause: { kind: 'postgres', code: '42601' } } },
      }),
      500,
      'INTERNAL_ERROR',
    ],
    // What pg raises when DATABASE_QUERY_TIMEOUT_MS / DATABASE_CONNECT_TIMEOUT_MS fire: plain Errors.
    [new Error('Query read timeout'), 503, 'common.service_unavailable'],
    [new Error('Connection terminated due to connection timeout'), 503, 'common.service_unavailable'],
    [new Error('timeout exceeded when trying to connect'), 503, 'common.service_unavailable'],
    [new Error('Connection terminated unexpectedly'), 503, 'common.service_unavailable'],
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

  it('renders a 429 that does not name its limit (a library ThrottlerException) without those headers', () => {
    const sent = renderThroughFilter(new ThrottlerException());
    expect(sent.status).toBe(429);
    expect(Object.keys(sent.headers).filter((name) => /retry-after|ratelimit/.test(name))).toEqual([]);
  });

  it.each([
    ['a URIError', new URIError('URI malformed')],
    [
      "Express's decode failure as Nest wraps it",
      new BadRequestException("Failed to decode param '%ff'", { cause: new URIError('URI malformed') }),
    ],
  ])('answers %s (a path that cannot be decoded) with 404 NOT_FOUND', (_case, exception) => {
    const sent = renderThroughFilter(exception);
    expect([sent.status, sent.body?.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it.each([
    [
      { type: 'StripeRateLimitError', code: 'rate_limit', statusCode: 429 },
      HttpStatus.SERVICE_UNAVAILABLE,
      'creator.stripe.rate_limited',
    ],
    [{ type: 'StripeAPIError', statusCode: 500 }, HttpStatus.BAD_GATEWAY, 'creator.stripe.unavailable'],
    [
      { type: 'StripePermissionError', code: 'account_invalid', statusCode: 403 },
      HttpStatus.CONFLICT,
      'creator.stripe.account_invalid',
    ],
    [
      { type: 'StripeAuthenticationError', statusCode: 401 },
      HttpStatus.BAD_GATEWAY,
      'creator.stripe.request_rejected',
    ],
    [
      { type: 'StripeInvalidRequestError', statusCode: 400, message: 'parameter_unknown: foo' },
      HttpStatus.BAD_GATEWAY,
      'creator.stripe.request_rejected',
    ],
  ])('maps the Stripe error %o to %i %s', (raw, status, code) => {
    const sent = renderThroughFilter(
      Stripe.errors.StripeError.generate({ message: 'x', ...raw } as Parameters<
        typeof Stripe.errors.StripeError.generate
      >[0]),
    );
    expect([sent.status, sent.body?.error.code]).toEqual([status, code]);
  });
});
