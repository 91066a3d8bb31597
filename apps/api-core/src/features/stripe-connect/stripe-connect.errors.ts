import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../platform/errors/api-error.js';

export class NotCreatorError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  readonly code = 'creator.stripe.not_creator';
}

export class StripeAccountNotFoundError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.account_not_found';
}

export class StripeAccountNotActiveError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.not_active';

  constructor(status: string) {
    super({ i18nVars: { status } });
  }
}

/** Onboarding is done: the creator should open the Express dashboard (dashboard-link) instead. */
export class StripeAccountAlreadyActiveError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  readonly code = 'creator.stripe.already_active';
}

/**
 * A refresh or return URL whose state is missing or unknown, or names an account the creator no longer holds. The
 * browser lands on the payouts page with this reason (onboarding-landing.filter.ts), never on JSON.
 */
export class OnboardingStateInvalidError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'creator.stripe.onboarding_state_invalid';
}

/** A refresh or return URL already used, or older than its hour: the creator starts again from the page. */
export class OnboardingLinkExpiredError extends DomainError {
  readonly status = HttpStatus.GONE;
  readonly code = 'creator.stripe.onboarding_link_expired';
}
