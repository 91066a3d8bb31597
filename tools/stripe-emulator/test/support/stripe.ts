import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/index.js';

/** The official SDK pointed at the emulator, without retries unless a test asks for them. */
export function stripeClientFor(emulator: StripeEmulator, config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(emulator.secretKey, { ...emulator.stripeClientOptions, maxNetworkRetries: 0, ...config });
}

/** The error a Stripe call fails with; fails the test if the call succeeds or throws something else. */
export async function captureStripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('Expected the Stripe call to fail');
}
