import { isMessageKey, translate } from '../../platform/i18n/translator.js';

/** Stripe's documented payout `failure_code`s, each explained in the error catalogue (en, fr). */
export const PAYOUT_FAILURE_CODES = [
  'account_closed',
  'account_frozen',
  'bank_account_restricted',
  'bank_ownership_changed',
  'could_not_process',
  'debit_not_authorized',
  'declined',
  'incorrect_account_holder_address',
  'incorrect_account_holder_name',
  'incorrect_account_holder_tax_id',
  'insufficient_funds',
  'invalid_account_number',
  'invalid_currency',
  'no_account',
  'unsupported_card',
] as const;

/** The catalogue key explaining a payout failure code to the creator. */
export function payoutFailureI18nKey(code: string): string {
  return `creator.stripe.payout_failure.${code}`;
}

/**
 * A payout failure in words, in the caller's language: ours for the codes Stripe documents, Stripe's own English
 * `failure_message` for a code it added since, null when there is neither.
 */
export function describePayoutFailure(
  code: string,
  stripeMessage: string | null,
  language: string,
): string | null {
  const key = payoutFailureI18nKey(code);
  return isMessageKey(key) ? translate(key, language) : stripeMessage;
}
