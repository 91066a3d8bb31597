import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/api-error.js';

/** Missing, forged or stale (outside Stripe's 5-minute tolerance) `Stripe-Signature`: nothing is stored. */
export class StripeWebhookSignatureInvalidError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'webhook.stripe.signature_invalid';
}

/** No webhook secret configured: answered 503 so Stripe keeps retrying until an operator sets one. */
export class StripeWebhookNotConfiguredError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly code = 'webhook.stripe.not_configured';
}
