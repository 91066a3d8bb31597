/** English, the fallback language. Keys are the stable `i18nKey`s clients receive; `{name}` takes an i18nVar. */
export const en = {
  'common.validation_failed': 'The request is invalid.',
  'common.not_found': 'There is nothing at this address.',
  'common.rate_limit_exceeded': 'Too many requests. Try again later.',
  'common.payload_too_large': 'The request body is too large.',
  'common.unsupported_media_type': 'Send the request body as JSON.',
  'common.service_unavailable': 'The service is temporarily unavailable. Try again shortly.',
  'common.internal_error': 'Something went wrong on our side.',
  'auth.login.invalid_credentials': 'Invalid email or password.',
  'auth.token.missing': 'Sign in to continue.',
  'auth.token.invalid': 'Your session is invalid. Sign in again.',
  'auth.token.expired': 'Your session has expired. Sign in again.',
  'auth.token.user_not_found': 'This account no longer exists.',
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
  'webhook.stripe.signature_invalid': 'The Stripe signature of this webhook is missing, invalid or too old.',
  'webhook.stripe.not_configured': 'Stripe webhooks are not configured on this server yet.',
} as const;

export type MessageKey = keyof typeof en;
