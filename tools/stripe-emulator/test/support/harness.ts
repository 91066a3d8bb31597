/** An emulator with a platform webhook endpoint listening, and the SDK pointed at it: what most tests start from. */
import type Stripe from 'stripe';
import {
  type StripeEmulator,
  type StripeEmulatorOptions,
  type StripeEvent,
  startStripeEmulator,
  type WebhookEndpointInput,
} from '../../src/index.js';
import { stripeClientFor } from './stripe.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** Stripe's retry schedule run 100 000 times faster: 30 min become 18 ms. */
export const FAST_RETRIES = { timeScale: 1e-5 };

export interface Harness {
  emulator: StripeEmulator;
  receiver: WebhookReceiver;
  stripe: Stripe;
  close(): Promise<void>;
}

export async function startHarness(
  options: StripeEmulatorOptions = {},
  endpoint: Omit<WebhookEndpointInput, 'url' | 'secret'> = {},
): Promise<Harness> {
  const receiver = await startWebhookReceiver();
  const emulator = await startStripeEmulator({
    webhookRetry: FAST_RETRIES,
    ...options,
    webhookEndpoints: [{ ...receiver.endpoint, ...endpoint }],
  });
  return {
    emulator,
    receiver,
    stripe: stripeClientFor(emulator),
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** `type` of each event, in order, for comparing what a change sent. */
export const typesOf = (events: readonly { type: string }[]) => events.map((event) => event.type);

/** The one event of `type` among `events`; fails the test when there is none or more. */
export function onlyEvent<T extends StripeEvent['type']>(
  events: readonly StripeEvent[],
  type: T,
): Extract<StripeEvent, { type: T }> {
  const matching = events.filter((event): event is Extract<StripeEvent, { type: T }> => event.type === type);
  if (matching.length !== 1) throw new Error(`Expected one ${type} among ${typesOf(events).join(', ')}`);
  return matching[0] as Extract<StripeEvent, { type: T }>;
}

/**
 * Resolves once `condition` holds, checking it every few milliseconds; for states reached by another
 * connection (a request that arrived), not for timing. Fails after `timeoutMs`.
 */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
