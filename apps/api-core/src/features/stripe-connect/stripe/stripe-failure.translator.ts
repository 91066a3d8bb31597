import Stripe from 'stripe';
import type { ApiError } from '../../../platform/errors/api-error.js';
import {
  StripeAccountInvalidError,
  StripeAccountNotExpressError,
  StripeOnboardingIncompleteError,
  StripeRateLimitedError,
  StripeRequestRejectedError,
  StripeTimeoutError,
  StripeUnavailableError,
} from './stripe.errors.js';

const STRIPE_RATE_LIMIT_RETRY_AFTER_SECONDS = 2;

/**
 * What a Stripe SDK failure means for our caller (registered with the exception filter by StripeConnectModule). Stripe gives no code for "not an Express account" or
 * "onboarding unfinished" (both 400 invalid_request_error), so those two are told apart by Stripe's message.
 */
export function translateStripeFailure(error: unknown): ApiError | undefined {
  if (!(error instanceof Stripe.errors.StripeError)) return undefined;
  const cause = { cause: error };
  if (error instanceof Stripe.errors.StripeRateLimitError || error.code === 'rate_limit') {
    return new StripeRateLimitedError({ ...cause, retryAfterSeconds: STRIPE_RATE_LIMIT_RETRY_AFTER_SECONDS });
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return /timeout/i.test(error.message) ? new StripeTimeoutError(cause) : new StripeUnavailableError(cause);
  }
  if (error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 0) >= 500) {
    return new StripeUnavailableError(cause);
  }
  if (error.code === 'account_invalid' || error instanceof Stripe.errors.StripePermissionError) {
    return new StripeAccountInvalidError(cause);
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (/express dashboard|not an express account/i.test(error.message))
      return new StripeAccountNotExpressError(cause);
    if (/onboarding|details_submitted/i.test(error.message))
      return new StripeOnboardingIncompleteError(cause);
  }
  return new StripeRequestRejectedError(cause);
}

/**
 * Stripe no longer lets the platform reach the account: deleted, unknown, or the holder disconnected the platform
 * (`account_invalid`). A restricted key lacking a permission is refused differently (no code), and is ours to fix.
 */
export function isAccountAccessRevoked(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === 'account_invalid';
}

/**
 * Stripe failed on its side while running the request: Stripe stores that answer under the request's idempotency
 * key and replays it for 24 hours, so only a new key can try again.
 */
export function isStripeServerFailure(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500;
}
