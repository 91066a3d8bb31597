import type { StripeAccountStatus } from '@biore/database';

/** The Stripe facts our status is derived from: exactly the flags Stripe reports on an account. */
export interface StripeAccountFacts {
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** `requirements.disabled_reason`, null when Stripe names none. */
  disabledReason: string | null;
}

/** Reasons Stripe gives when it (or the platform) has shut the account, as opposed to waiting for information. */
const SHUT_DOWN_REASONS = /^(rejected\.|listed$|platform_paused$)/;

/**
 * The ONE mapping from Stripe's flags to our status, used by the webhook, the sync and the return URL alike:
 * - DISABLED   Stripe rejected, listed or paused the account (`disabled_reason` rejected.*, listed, platform_paused)
 * - PENDING    onboarding unfinished (`details_submitted` false)
 * - ACTIVE     details submitted, charges and payouts enabled, nothing disabled
 * - RESTRICTED details submitted but charges or payouts are off, or Stripe names another reason
 *              (requirements.past_due, requirements.pending_verification, under_review, ...)
 */
export function deriveStripeAccountStatus(facts: StripeAccountFacts): StripeAccountStatus {
  if (facts.disabledReason && SHUT_DOWN_REASONS.test(facts.disabledReason)) return 'DISABLED';
  if (!facts.detailsSubmitted) return 'PENDING';
  if (facts.chargesEnabled && facts.payoutsEnabled && !facts.disabledReason) return 'ACTIVE';
  return 'RESTRICTED';
}
