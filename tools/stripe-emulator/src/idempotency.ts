/**
 * Stripe's idempotency layer: the first result of a POST made with an `Idempotency-Key` is stored for 24 h
 * and replayed for the same request, 5xx included; a second request while the first is still running is
 * refused with 409; and the key may not be reused for a different request.
 */
import type { Clock } from './clock.js';
import { stripeErrors } from './errors.js';
import type { FormValue } from './form.js';

/** Stripe prunes keys once they are at least 24 hours old. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ApiResponse {
  status: number;
  /** Serialised as sent, so a replay is byte for byte the first answer. */
  body: string;
  /** Headers that belong to the answer itself and are replayed with it (`Stripe-Should-Retry`). */
  headers: Record<string, string>;
}

export interface StoredResponse extends ApiResponse {
  originalRequestId: string;
}

export interface IdempotentRequest {
  /** `POST /v1/accounts` */
  endpoint: string;
  params: FormValue;
}

interface Entry {
  endpoint: string;
  paramsFingerprint: string;
  /** Undefined while the first request is still running. */
  response: StoredResponse | undefined;
  storedAt: number;
}

/** What to do with a request carrying a key. */
export type KeyClaim = { outcome: 'replay'; response: StoredResponse } | { outcome: 'run' };

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

  /**
   * Claims the key for a request about to run, or gives the stored response to replay. Throws Stripe's 409
   * while another request holds the key, and its 400 for a key used with other parameters or elsewhere.
   */
  claim(key: string, request: IdempotentRequest): KeyClaim {
    const entry = this.entries.get(key);
    if (entry && this.clock() - entry.storedAt < KEY_LIFETIME_MS) {
      if (entry.endpoint !== request.endpoint) {
        throw stripeErrors.idempotencyKeyReusedOnOtherEndpoint(key, entry.endpoint, request.endpoint);
      }
      if (entry.paramsFingerprint !== fingerprint(request.params)) {
        throw stripeErrors.idempotencyKeyReusedWithOtherParams(key);
      }
      if (entry.response === undefined) throw stripeErrors.idempotencyKeyInUse(key);
      return { outcome: 'replay', response: entry.response };
    }
    this.entries.set(key, {
      endpoint: request.endpoint,
      paramsFingerprint: fingerprint(request.params),
      response: undefined,
      storedAt: this.clock(),
    });
    return { outcome: 'run' };
  }

  /** Stores the result of the request that claimed the key; from now on it is replayed. */
  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry) this.entries.set(key, { ...entry, response, storedAt: this.clock() });
  }

  /** Frees a key whose request never reached the endpoint, so a corrected retry may use it. */
  release(key: string): void {
    this.entries.delete(key);
  }
}
