import type { ApiErrorBody, FieldProblem } from './api-types.js';

/**
 * What every failed call throws: an `Error` carrying the error envelope's stable `code` and `i18nKey` (as the
 * product page's fetch function does), plus `i18nVars`, the HTTP `status`, the `correlationId` to quote and, for
 * a refusal that says when to come back (429, some 503s), `retryAfterSeconds` from its `Retry-After` header.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly i18nKey: string;
  readonly i18nVars: Record<string, string> | undefined;
  readonly details: FieldProblem[] | undefined;
  readonly correlationId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    error: Omit<ApiErrorBody, 'correlationId'> & { correlationId?: string },
    retryAfterSeconds?: number,
  ) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.i18nKey = error.i18nKey;
    this.i18nVars = error.i18nVars;
    this.details = error.details;
    this.correlationId = error.correlationId;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Code of an answer that is not the API's envelope (e.g. a proxy's error page while the API is down). */
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

/** The error a failed answer stands for: the envelope's own, or one describing a body that is not an envelope. */
export function apiErrorFrom(response: Response, body: unknown, fallbackMessage: string): ApiError {
  const retryAfterSeconds = secondsToWait(response.headers.get('retry-after'));
  if (isErrorEnvelope(body)) return new ApiError(response.status, body.error, retryAfterSeconds);
  const error = {
    code: UNEXPECTED_RESPONSE,
    message: fallbackMessage,
    i18nKey: response.status >= 500 ? 'common.service_unavailable' : 'common.internal_error',
    correlationId: response.headers.get('x-correlation-id') ?? undefined,
  };
  return new ApiError(response.status, error, retryAfterSeconds);
}

/** The API's `Retry-After` is a number of seconds; anything else (absent, an HTTP date) says nothing usable here. */
function secondsToWait(retryAfter: string | null): number | undefined {
  return retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
}

function isErrorEnvelope(body: unknown): body is { success: false; error: ApiErrorBody } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && 'i18nKey' in error;
}
