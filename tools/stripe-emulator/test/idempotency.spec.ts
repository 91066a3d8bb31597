/**
 * Stripe's idempotency layer as stripe-node meets it: stored results (5xx included) replayed for 24 h,
 * 409 while a request with the same key is running, 400 for a key reused differently, and the
 * `Stripe-Should-Retry` header the SDK obeys.
 */
import Stripe from 'stripe';
import { type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { until } from './support/harness.js';
import { callApi } from './support/http.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ONBOARDED = 'acct_1IdempotentOnboard';

let emulator: StripeEmulator;
let stripe: Stripe;
/** Added to the real time, so a test can age the stored keys. */
let clockOffsetMs = 0;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    now: () => Date.now() + clockOffsetMs,
    seed: { accounts: [{ id: ONBOARDED, type: 'express' }] },
  });
  stripe = stripeClientFor(emulator);
});

afterAll(() => emulator.close());

beforeEach(() => {
  emulator.faults.clear();
  emulator.requests.clear();
  clockOffsetMs = 0;
});

const callsTo = (path: string) => emulator.requests.list().filter((request) => request.path === path);

describe('stored results', () => {
  it('replays the stored response for the same key and parameters', async () => {
    const params: Stripe.AccountCreateParams = { type: 'express', email: 'replay@example.com' };
    const first = await stripe.accounts.create(params, { idempotencyKey: 'replay-1' });
    const second = await stripe.accounts.create(params, { idempotencyKey: 'replay-1' });

    expect(second).toEqual(first);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(second.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(callsTo('/v1/accounts').map((request) => request.idempotentReplayed)).toEqual([false, true]);
  });

  it('replays the answer as it was, even after the object changed', async () => {
    const created = await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'replay-2' });
    emulator.accounts.setState(created.id, 'enabled');
    const replayed = await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'replay-2' });
    expect(replayed.details_submitted).toBe(false);
  });

  it('stores a 500 from the endpoint for 24 hours, with Stripe-Should-Retry: false, then forgets the key', async () => {
    emulator.faults.inject({ method: 'POST', path: '/v1/accounts', kind: 'status', status: 500 });
    const accountsBefore = emulator.accounts.list().length;
    const create = () => stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'five-hundred' });

    const failed = await captureStripeError(create());
    expect(failed).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(failed.headers?.['stripe-should-retry']).toBe('false');

    clockOffsetMs = DAY_MS - 60_000;
    const replayed = await captureStripeError(create());
    expect(replayed).toMatchObject({ statusCode: 500, message: failed.message });
    expect(replayed.headers).toMatchObject({ 'idempotent-replayed': 'true', 'stripe-should-retry': 'false' });
    expect(emulator.accounts.list()).toHaveLength(accountsBefore);

    clockOffsetMs = DAY_MS;
    await expect(create()).resolves.toMatchObject({ object: 'account', type: 'express' });
    expect(
      callsTo('/v1/accounts').map(({ status, idempotentReplayed }) => [status, idempotentReplayed]),
    ).toEqual([
      [500, false],
      [500, true],
      [200, false],
    ]);
  });

  it('rejects the same key with other parameters as StripeIdempotencyError', async () => {
    await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'other-params' });
    const error = await captureStripeError(
      stripe.accounts.create({ type: 'custom' }, { idempotencyKey: 'other-params' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
    expect(error.message).toContain('can only be used with the same parameters');
  });

  it('rejects the same key on another endpoint', async () => {
    await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'other-endpoint' });
    const error = await captureStripeError(
      stripe.accounts.createLoginLink(ONBOARDED, {}, { idempotencyKey: 'other-endpoint' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.message).toContain('same endpoint');
  });

  it('stores nothing for a request whose parameters were invalid, or that the edge refused', async () => {
    await captureStripeError(
      stripe.accounts.create({ type: 'premium' as 'express' }, { idempotencyKey: 'invalid-first' }),
    );
    await expect(
      stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'invalid-first' }),
    ).resolves.toMatchObject({ type: 'express' });

    emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 429 });
    await captureStripeError(
      stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'limited-first' }),
    );
    const retried = await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'limited-first' });
    expect(retried.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('requests in flight', () => {
  it('answers 409 idempotency_key_in_use to a second request while the first runs, then replays the first', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'delay', ms: 1_000, stage: 'endpoint' });
    const first = stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'in-flight' });
    await until(() => callsTo('/v1/accounts').length === 1);

    const second = await captureStripeError(
      stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'in-flight' }),
    );
    // stripe-node raises StripeAPIError for every 409, whatever its type.
    expect(second).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(second).toMatchObject({
      statusCode: 409,
      rawType: 'idempotency_error',
      code: 'idempotency_key_in_use',
    });
    expect(second.message).toBe(
      'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): in-flight. Please try again later.',
    );

    const created = await first;
    const third = await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'in-flight' });
    expect(third.id).toBe(created.id);
    expect(third.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('lets stripe-node retry the 409 itself when retries are on, until the first request is done', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'delay', ms: 300, stage: 'endpoint' });
    const retrying = stripeClientFor(emulator, { maxNetworkRetries: 3 });
    const first = retrying.accounts.create({ type: 'express' }, { idempotencyKey: 'in-flight-retried' });
    await until(() => callsTo('/v1/accounts').length === 1);
    const second = await retrying.accounts.create(
      { type: 'express' },
      { idempotencyKey: 'in-flight-retried' },
    );
    expect(second.id).toBe((await first).id);
    expect(callsTo('/v1/accounts').map((request) => request.status)).toEqual(
      expect.arrayContaining([409, 200]),
    );
  });
});

describe('Stripe-Should-Retry, as stripe-node obeys it', () => {
  it('an endpoint 500 says false: the SDK does not retry, whatever maxNetworkRetries says', async () => {
    emulator.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'status', status: 500, times: 3 });
    const error = await captureStripeError(
      stripeClientFor(emulator, { maxNetworkRetries: 2 }).accounts.createLoginLink(ONBOARDED),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(callsTo(`/v1/accounts/${ONBOARDED}/login_links`).map((request) => request.status)).toEqual([500]);
  });

  it('an edge 503 stores nothing: the SDK retries with the same key and the request runs', async () => {
    emulator.faults.inject({
      path: '/v1/accounts/*/login_links',
      kind: 'status',
      status: 503,
      stage: 'edge',
      times: 2,
    });
    const link = await stripeClientFor(emulator, { maxNetworkRetries: 2 }).accounts.createLoginLink(
      ONBOARDED,
    );
    expect(link.object).toBe('login_link');
    const calls = callsTo(`/v1/accounts/${ONBOARDED}/login_links`);
    expect(calls.map(({ status, fault }) => [status, fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [200, null],
    ]);
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
  });

  it('true makes the SDK retry even a 429, which it otherwise leaves to the caller', async () => {
    const lockTimeout = {
      error: {
        type: 'invalid_request_error' as const,
        code: 'lock_timeout',
        message:
          'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
      },
    };
    emulator.faults.inject({
      path: '/v1/accounts/*',
      method: 'GET',
      kind: 'status',
      status: 429,
      body: lockTimeout,
      shouldRetry: true,
    });
    const account = await stripeClientFor(emulator, { maxNetworkRetries: 1 }).accounts.retrieve(ONBOARDED);
    expect(account.id).toBe(ONBOARDED);
    expect(callsTo(`/v1/accounts/${ONBOARDED}`).map((request) => request.status)).toEqual([429, 200]);
  });

  it('is sent over the wire exactly as the stored answer carries it', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 502 });
    const response = await callApi(emulator, 'POST', '/v1/accounts', {
      form: 'type=express',
      headers: { 'Idempotency-Key': 'raw-502' },
    });
    expect(response.status).toBe(502);
    expect(response.headers.get('stripe-should-retry')).toBe('false');
    expect(response.body).toMatchObject({ error: { type: 'api_error' } });
  });
});
