/** What the Stripe API endpoints share: their request, their declaration, their access checks. */
import type { Credentials, RoutePermission } from './auth.js';
import { stripeErrors } from './errors.js';
import type { EventCause } from './events.js';
import type { FormObject } from './form.js';
import { list, type Param, string } from './params.js';
import type { RoutePattern } from './routing.js';
import type { EmulatorState } from './state.js';
import type { Account } from './stripe-objects.js';

export interface ApiRequest {
  state: EmulatorState;
  credentials: Credentials;
  pathParams: Record<string, string>;
  /** The version the answer is rendered at: the request's `Stripe-Version`, or the platform's default. */
  apiVersion: string;
  /** `Stripe-Account`: the connected account a request acts on; honoured where noted. */
  stripeAccount: string | undefined;
  /** What events caused by this request name as their `request`. */
  cause: EventCause;
}

export interface ApiRoute extends RoutePattern {
  /** What a restricted key needs to call the route. */
  readonly permission: RoutePermission;
  /**
   * Checks the parameters, throwing Stripe's 400s, and returns the operation itself. The split matters
   * for idempotency: Stripe stores no result for a request whose parameters failed validation.
   */
  prepare(params: FormObject, request: ApiRequest): () => unknown;
}

/** `params` may depend on the request, for parameters that differ between API versions. */
export function apiRoute<P>(
  method: string,
  pattern: string,
  permission: RoutePermission,
  params: Param<P> | ((request: ApiRequest) => Param<P>),
  handle: (params: P, request: ApiRequest) => unknown,
): ApiRoute {
  return {
    method,
    pattern,
    permission,
    prepare: (rawParams, request) => {
      const parsed = (typeof params === 'function' ? params(request) : params).parse(rawParams, '');
      return () => handle(parsed, request);
    },
  };
}

export const expand = list(string());

/** The account the platform's keys can reach, or Stripe's 403: unknown, deleted and disconnected alike. */
export function requireAccount(
  { state, credentials }: ApiRequest,
  accountId: string,
  param?: string,
): Account {
  const account = state.accounts.get(accountId);
  if (!account) throw stripeErrors.accountInvalid(credentials.key, accountId, param);
  return account;
}

/**
 * Whose objects a request lists: the connected account named by `Stripe-Account` (which the key must
 * reach), or the platform's own.
 */
export function scopeOf(request: ApiRequest): string | undefined {
  if (request.stripeAccount === undefined) return undefined;
  return requireAccount(request, request.stripeAccount).id;
}
