/**
 * Faults tests inject into API requests: an error status, a slow endpoint or response, or a connection
 * dropped without an answer. Each fault applies to the next `times` matching requests, oldest fault first,
 * at the stage of Stripe's pipeline it belongs to, so that it meets idempotency as a real failure would.
 */
import { type StripeErrorBody, stripeErrors } from './errors.js';
import type { ApiResponse } from './idempotency.js';
import { isPlainObject, stripeJson } from './json.js';

/**
 * Where in Stripe's pipeline a fault strikes:
 * - `edge`: before the idempotency layer (rate limiters, load shedding); nothing is stored under the key;
 * - `endpoint`: while the endpoint runs; the key is held meanwhile, and the result (a 5xx too) is stored;
 * - `response`: after the result was stored, on the way back.
 */
export type FaultStage = 'edge' | 'endpoint' | 'response';

export interface FaultTarget {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /**
   * Request path to match, without the query string: a RegExp, or a string in which each `*` stands
   * for one path segment. Any API path when omitted.
   */
  path?: string | RegExp;
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
}

export type FaultEffect =
  /**
   * Answers with this status and a Stripe error body (by default `rate_limit` for 429, `api_error` for 5xx).
   * Stage `edge` for 429 (Stripe's rate limiter runs before idempotency), `endpoint` otherwise.
   * `shouldRetry` sets `Stripe-Should-Retry`; by default an endpoint 5xx says `false` (a retry would only
   * replay it) and other faults send none.
   */
  | {
      kind: 'status';
      status: number;
      body?: StripeErrorBody;
      stage?: 'edge' | 'endpoint';
      shouldRetry?: boolean;
    }
  /**
   * Holds the request `ms` milliseconds: at stage `response` (the default) after it was processed, so a
   * client that gave up finds the result stored; at stage `endpoint` while it runs, holding its key.
   */
  | { kind: 'delay'; ms: number; stage?: 'endpoint' | 'response' }
  /** Reads the request, then destroys the socket without answering; the request is not processed. */
  | { kind: 'drop' };

export type FaultSpec = FaultTarget & FaultEffect;
export type FaultKind = FaultEffect['kind'];

export interface PendingFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
}

/** The part of the injector tests drive. */
export interface FaultControls {
  inject(spec: FaultSpec): PendingFault;
  list(): PendingFault[];
  clear(): void;
}

export class FaultSpecError extends Error {}

export class FaultInjector implements FaultControls {
  private pending: PendingFault[] = [];
  private lastId = 0;

  inject(spec: FaultSpec): PendingFault {
    assertValidFault(spec);
    const fault = { id: ++this.lastId, spec, remaining: spec.times ?? 1 };
    this.pending.push(fault);
    return { ...fault };
  }

  list(): PendingFault[] {
    return this.pending.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.pending = [];
  }

  /** Consumes one use of the oldest fault matching the request at this stage. */
  take(method: string, path: string, stage: FaultStage): FaultEffect | undefined {
    const fault = this.pending.find(({ spec }) => faultStage(spec) === stage && matches(spec, method, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.pending = this.pending.filter((other) => other !== fault);
    return fault.spec;
  }
}

function faultStage(effect: FaultEffect): FaultStage {
  switch (effect.kind) {
    case 'status':
      return effect.stage ?? (effect.status === 429 ? 'edge' : 'endpoint');
    case 'delay':
      return effect.stage ?? 'response';
    case 'drop':
      return 'edge';
  }
}

function matches(target: FaultTarget, method: string, path: string): boolean {
  if (target.method !== undefined && target.method.toUpperCase() !== method) return false;
  if (target.path === undefined) return true;
  const pattern = typeof target.path === 'string' ? segmentPattern(target.path) : target.path;
  return path.search(pattern) !== -1;
}

function segmentPattern(path: string): RegExp {
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]+');
  return new RegExp(`^${escaped}$`);
}

function assertValidFault(spec: FaultSpec): void {
  const { times = 1 } = spec;
  if (!Number.isInteger(times) || times < 1) throw new FaultSpecError('`times` must be a positive integer.');
  switch (spec.kind) {
    case 'status':
      if (spec.stage !== undefined && spec.stage !== 'edge' && spec.stage !== 'endpoint') {
        throw new FaultSpecError('`stage` of a status fault must be edge or endpoint.');
      }
      if (spec.shouldRetry !== undefined && typeof spec.shouldRetry !== 'boolean') {
        throw new FaultSpecError('`shouldRetry` must be a boolean.');
      }
      if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
        throw new FaultSpecError('`status` must be an HTTP error status (400-599).');
      }
      if (spec.body !== undefined && typeof spec.body?.error?.message !== 'string') {
        throw new FaultSpecError(
          '`body` must be a Stripe error object: { "error": { "type", "message", ... } }.',
        );
      }
      return;
    case 'delay':
      if (spec.stage !== undefined && spec.stage !== 'endpoint' && spec.stage !== 'response') {
        throw new FaultSpecError('`stage` of a delay fault must be endpoint or response.');
      }
      if (!Number.isFinite(spec.ms) || spec.ms < 0)
        throw new FaultSpecError('`ms` must be a non-negative number.');
      return;
    case 'drop':
      return;
    default:
      throw new FaultSpecError('`kind` must be one of status, delay, drop.');
  }
}

/** The answer of a status fault. */
export function faultResponse(effect: Extract<FaultEffect, { kind: 'status' }>): ApiResponse {
  const { status, shouldRetry } = effect;
  const defaultShouldRetry = faultStage(effect) === 'endpoint' && status >= 500 ? false : undefined;
  const retry = shouldRetry ?? defaultShouldRetry;
  return {
    status,
    body: stripeJson(effect.body ?? stripeErrors.forStatus(status).body),
    headers: retry === undefined ? {} : { 'Stripe-Should-Retry': String(retry) },
  };
}

/**
 * Reads a fault sent as JSON to the control route. Same fields as {@link FaultSpec}, except that a
 * regular expression is given as the string `pathRegex`.
 */
export function faultSpecFromJson(json: unknown): FaultSpec {
  if (!isPlainObject(json)) throw new FaultSpecError('A fault must be a JSON object.');
  const { pathRegex, ...fields } = json;
  for (const name of ['method', 'path'] as const) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') {
      throw new FaultSpecError(`\`${name}\` must be a string.`);
    }
  }
  if (pathRegex === undefined) return fields as unknown as FaultSpec;
  if (typeof pathRegex !== 'string' || fields.path !== undefined) {
    throw new FaultSpecError('`pathRegex` must be a string and cannot be combined with `path`.');
  }
  try {
    return { ...fields, path: new RegExp(pathRegex) } as unknown as FaultSpec;
  } catch {
    throw new FaultSpecError(`\`pathRegex\` is not a valid regular expression: ${pathRegex}`);
  }
}
