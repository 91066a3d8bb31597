/** English, the fallback language. Keys are the stable `i18nKey`s clients receive; `{name}` takes an i18nVar. */
export const en = {
  'common.validation_failed': 'The request is invalid.',
  'common.not_found': 'There is nothing at this address.',
  'common.rate_limit_exceeded': 'Too many requests. Try again later.',
  'common.payload_too_large': 'The request body is too large.',
  'common.unsupported_media_type': 'Send the request body as JSON.',
  'common.request_headers_too_large': 'The request headers are too large.',
  'common.request_timeout': 'The request took too long to arrive.',
  'common.expectation_failed': "The server cannot meet the request's Expect header.",
  'common.service_unavailable': 'The service is temporarily unavailable. Try again shortly.',
  'common.internal_error': 'Something went wrong on our side.',
  'auth.login.invalid_credentials': 'Invalid email or password.',
  'auth.token.missing': 'Sign in to continue.',
  'auth.token.invalid': 'Your session is invalid. Sign in again.',
  'auth.token.expired': 'Your session has expired. Sign in again.',
  'auth.token.user_not_found': 'This account no longer exists.',
  'auth.token.revoked': 'This session has been signed out. Sign in again.',
  'auth.cross_origin_request': 'This request came from another site and was refused. Use the app itself.',
  'creator.stripe.not_creator': 'Payouts are for creators. Create a creator profile first.',
  'creator.stripe.account_not_found': 'You have no Stripe account yet. Start payout setup first.',
  'creator.stripe.not_active': 'Finish setting up your account (current status: {status}).',
  'creator.stripe.service_unavailable': 'Payouts are not available right now.',
  'creator.stripe.account_invalid': 'Your Stripe account cannot be reached. Contact support.',
  'creator.stripe.not_express': 'Your Stripe account has no Express dashboard. Contact support.',
  'creator.stripe.onboarding_incomplete': 'Finish setting up your account on Stripe first.',
  'creator.stripe.rate_limited': 'Stripe is busy. Try again in a moment.',
  'creator.stripe.timeout': 'Stripe did not answer in time. Try again.',
  'creator.stripe.unavailable': 'Stripe is unavailable right now. Try again later.',
  'creator.stripe.request_rejected': 'Stripe refused the request. We have been notified.',
  'creator.stripe.already_active': 'Your payouts are already set up. Open your Stripe dashboard instead.',
  'creator.stripe.onboarding_state_invalid':
    'This setup link is invalid or has expired. Start payout setup again.',
  'creator.stripe.onboarding_link_expired':
    'This setup link was already used or has expired. Continue payout setup from this page.',
  'creator.stripe.payout_failure.account_closed':
    'Your bank account has been closed. Add another bank account.',
  'creator.stripe.payout_failure.account_frozen':
    'Your bank account is frozen. Add another bank account or contact your bank.',
  'creator.stripe.payout_failure.bank_account_restricted':
    'Your bank account does not accept this kind of payout (it may be a savings account). Add a checking account.',
  'creator.stripe.payout_failure.bank_ownership_changed':
    'Your bank branch changed owner, so the bank account details are no longer valid. Add the bank account again.',
  'creator.stripe.payout_failure.could_not_process':
    'Your bank could not process the payout. Check your bank account details.',
  'creator.stripe.payout_failure.debit_not_authorized':
    'Your bank account does not allow debits, which payouts need. Ask your bank, or add another bank account.',
  'creator.stripe.payout_failure.declined':
    'Your bank declined the payout. Contact your bank, or add another bank account.',
  'creator.stripe.payout_failure.incorrect_account_holder_address':
    'Your bank says the account holder address is wrong. Update your bank account details.',
  'creator.stripe.payout_failure.incorrect_account_holder_name':
    'Your bank says the account holder name is wrong. Update your bank account details.',
  'creator.stripe.payout_failure.incorrect_account_holder_tax_id':
    'Your bank says the account holder tax ID is wrong. Update your bank account details.',
  'creator.stripe.payout_failure.insufficient_funds':
    'The payout failed because the balance was too low. It will be retried; nothing to do on your side.',
  'creator.stripe.payout_failure.invalid_account_number':
    'The bank account number is invalid. Check it, or add another bank account.',
  'creator.stripe.payout_failure.invalid_currency':
    'Your bank account cannot receive this currency. Add a bank account in the payout currency.',
  'creator.stripe.payout_failure.no_account':
    'No bank account was found with these details. Check them, or add another bank account.',
  'creator.stripe.payout_failure.unsupported_card':
    'Your bank no longer supports payouts to this card. Add a bank account.',
  'webhook.stripe.signature_invalid': 'The Stripe signature of this webhook is missing, invalid or too old.',
  'webhook.stripe.not_configured': 'Stripe webhooks are not configured on this server yet.',
} as const;

export type MessageKey = keyof typeof en;
