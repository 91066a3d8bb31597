import { HttpStatus } from '@nestjs/common';
import Stripe from 'stripe';
import { translateStripeFailure } from './stripe-failure.translator.js';

const stripeError = (raw: object) =>
  Stripe.errors.StripeError.generate({ message: 'x', ...raw } as Parameters<
    typeof Stripe.errors.StripeError.generate
  >[0]);

describe('translateStripeFailure', () => {
  it.each([
    [
      { type: 'StripeRateLimitError', code: 'rate_limit', statusCode: 429 },
      HttpStatus.SERVICE_UNAVAILABLE,
      'creator.stripe.rate_limited',
    ],
    [{ type: 'StripeAPIError', statusCode: 500 }, HttpStatus.BAD_GATEWAY, 'creator.stripe.unavailable'],
    [
      { type: 'StripePermissionError', code: 'account_invalid', statusCode: 403 },
      HttpStatus.CONFLICT,
      'creator.stripe.account_invalid',
    ],
    [
      { type: 'StripeAuthenticationError', statusCode: 401 },
      HttpStatus.BAD_GATEWAY,
      'creator.stripe.request_rejected',
    ],
    [
      { type: 'StripeInvalidRequestError', statusCode: 400, message: 'parameter_unknown: foo' },
      HttpStatus.BAD_GATEWAY,
      'creator.stripe.request_rejected',
    ],
  ])('maps the Stripe error %o to %i %s', (raw, status, code) => {
    const error = translateStripeFailure(stripeError(raw));
    expect([error?.status, error?.code]).toEqual([status, code]);
  });

  it('tells Stripe a rate-limited caller when to retry', () => {
    expect(
      translateStripeFailure(stripeError({ type: 'StripeRateLimitError', statusCode: 429 }))
        ?.retryAfterSeconds,
    ).toBe(2);
  });

  it('leaves errors that are not Stripe’s to others', () => {
    expect(translateStripeFailure(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});
