import type { ApiError } from '../errors/api-error.js';
import { RateLimitExceededError } from '../errors/common.errors.js';
import { negotiateLanguage } from '../i18n/translator.js';
import { CORRELATION_ID_HEADER } from './correlation-id.js';
import { errorEnvelope } from './envelope.js';

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The one rendering of an error: the contract's envelope in the caller's language, with the headers every error
 * carries (correlation id, no-store, its limit's `Retry-After` and `X-RateLimit-*`). The filter, the HTTP edge and
 * the socket-level answer only differ in how they write it.
 */
export function errorAnswer(
  error: ApiError,
  correlationId: string,
  acceptLanguage: string | string[] | undefined,
): ErrorAnswer {
  const language = negotiateLanguage(Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage);
  const body = JSON.stringify(errorEnvelope(error, language, correlationId));
  const headers: Record<string, string> = {
    [CORRELATION_ID_HEADER]: correlationId,
    'Cache-Control': 'no-store',
    'Content-Language': language,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  };
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  if (error instanceof RateLimitExceededError && error.limit !== undefined) {
    headers['X-RateLimit-Limit'] = String(error.limit);
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = String(error.retryAfterSeconds ?? 0);
  }
  return { status: error.status, headers, body };
}
