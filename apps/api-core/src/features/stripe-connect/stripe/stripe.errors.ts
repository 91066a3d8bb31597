import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/api-error.js';

/** No Stripe key and no emulator: the product page keeps this a 400. */
export class StripeServiceUnavailableError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.service_unavailable';
}

/** Stripe does not know the stored account, or denies us access to it: support must repair the link. */
export class StripeAccountInvalidError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  readonly code = 'creator.stripe.account_invalid';
}

/** The account is not an Express account, so it has no Express dashboard: support must act. */
export class StripeAccountNotExpressError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  readonly code = 'creator.stripe.not_express';
}

/** Stripe says onboarding is unfinished even though our snapshot said otherwise: the creator must finish it. */
export class StripeOnboardingIncompleteError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.onboarding_incomplete';
}

/** Stripe asked us to slow down: try again shortly. */
export class StripeRateLimitedError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly code = 'creator.stripe.rate_limited';
}

/** Stripe did not answer within our timeout budget. */
export class StripeTimeoutError extends DomainError {
  readonly status = HttpStatus.GATEWAY_TIMEOUT;
  readonly code = 'creator.stripe.timeout';
}

/** Stripe could not be reached, or failed on its side (5xx): nothing the caller did wrong. */
export class StripeUnavailableError extends DomainError {
  readonly status = HttpStatus.BAD_GATEWAY;
  readonly code = 'creator.stripe.unavailable';
}

/** Stripe refused a request we built (or our key): our bug or our configuration, for operators to fix. */
export class StripeRequestRejectedError extends DomainError {
  readonly status = HttpStatus.BAD_GATEWAY;
  readonly code = 'creator.stripe.request_rejected';
}

/** One example of every way Stripe can refuse or fail, for the Swagger pages of routes that call it. */
export const StripeFailureExamples = [
  new StripeServiceUnavailableError(),
  new StripeOnboardingIncompleteError(),
  new StripeAccountInvalidError(),
  new StripeAccountNotExpressError(),
  new StripeRequestRejectedError(),
  new StripeUnavailableError(),
  new StripeRateLimitedError(),
  new StripeTimeoutError(),
];
