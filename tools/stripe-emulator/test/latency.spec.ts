/**
 * The latency setting, for benchmarks: every API answer waits a base delay plus a uniform share of the
 * jitter. Checked by what it does (answers held past a client's timeout, keys held meanwhile) and by the
 * delays it drew, never by timing the test.
 */
import Stripe from 'stripe';
import { type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { until } from './support/harness.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';

const LATENCY = { baseMs: 250, jitterMs: 100 };

let emulator: StripeEmulator;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    latency: LATENCY,
    seed: { accounts: [{ id: 'acct_1LatencyAccount00' }] },
  });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.requests.clear());

it('draws every delay between the base and the base plus the jitter, not always the same', async () => {
  const stripe = stripeClientFor(emulator);
  await Promise.all(Array.from({ length: 6 }, () => stripe.accounts.retrieve('acct_1LatencyAccount00')));
  await captureStripeError(stripe.accounts.retrieve('acct_1NoSuchAccount000'));
  const delays = emulator.requests.list().map((request) => request.latencyMs);
  expect(delays).toHaveLength(7);
  for (const delay of delays) {
    expect(delay).toBeGreaterThanOrEqual(LATENCY.baseMs);
    expect(delay).toBeLessThanOrEqual(LATENCY.baseMs + LATENCY.jitterMs);
  }
  expect(new Set(delays).size).toBeGreaterThan(1);
});

it('holds the answer: a client whose timeout is shorter gives up, though the request ran', async () => {
  const error = await captureStripeError(
    stripeClientFor(emulator, { timeout: 50 }).accounts.create(
      { type: 'express' },
      { idempotencyKey: 'slow-1' },
    ),
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  await until(() => emulator.requests.list()[0]?.status === 200);
});

it('holds the idempotency key meanwhile, as a slow Stripe request does', async () => {
  const stripe = stripeClientFor(emulator);
  const first = stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'slow-2' });
  await until(() => emulator.requests.list().length === 1);
  const second = await captureStripeError(
    stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'slow-2' }),
  );
  expect(second).toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use' });
  await expect(first).resolves.toMatchObject({ object: 'account' });
});

it('is none by default', async () => {
  const quick = await startStripeEmulator();
  try {
    await captureStripeError(stripeClientFor(quick).accounts.retrieve('acct_1Anything0000000'));
    expect(quick.requests.list().map((request) => request.latencyMs)).toEqual([0]);
  } finally {
    await quick.close();
  }
});
