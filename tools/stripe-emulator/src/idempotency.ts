/**
 * Stripe's idempotency layer: the first result of a POST made with an `Idempotency-Key` is stored and
 * replayed for the same request, and the key may not be reused for a different one.
 */
import type { Clock } from './clock.js';
import { stripeErrors } from './errors.js';
import type { FormValue } from './form.js';

/** Stripe prunes keys once they are at least 24 hours old. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface StoredResponse extends ApiResponse {
  originalRequestId: string;
}

interface IdempotentRequest {
  /** `POST /v1/accounts` */
  endpoint: string;
  params: FormValue;
}

interface Entry {
  endpoint: string;
  paramsFingerprint: string;
  response: StoredResponse;
  storedAt: number;
}

/** Key order does not matter to Stripe when it compares parameters. */
function fingerprint(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${fingerprint(value[key] ?? '')}`);
  return `{${entries.join(',')}}`;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  /** The stored response to replay, if the key was used before for this very request. */
  replayFor(key: string, request: IdempotentRequest): StoredResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock() - entry.storedAt >= KEY_LIFETIME_MS) {
      this.entries.delete(key);
      return undefined;
    }
    if (entry.endpoint !== request.endpoint) {
      throw stripeErrors.idempotencyKeyReusedOnOtherEndpoint(key, entry.endpoint, request.endpoint);
    }
    if (entry.paramsFingerprint !== fingerprint(request.params)) {
      throw stripeErrors.idempotencyKeyReusedWithOtherParams(key);
    }
    return entry.response;
  }

  save(key: string, request: IdempotentRequest, response: StoredResponse): void {
    this.entries.set(key, {
      endpoint: request.endpoint,
      paramsFingerprint: fingerprint(request.params),
      response,
      storedAt: this.clock(),
    });
  }
}
