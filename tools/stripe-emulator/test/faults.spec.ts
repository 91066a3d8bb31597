/** Fault injection, seen through the official SDK, and the `/_emulator` control routes. */
import Stripe from 'stripe';
import { type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { callApi, callControl } from './support/http.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';

let emulator: StripeEmulator;

const accountCreations = () =>
  emulator.requests.list().filter((request) => request.method === 'POST' && request.path === '/v1/accounts');

beforeAll(async () => {
  emulator = await startStripeEmulator();
});

const stripeClient = (config: Stripe.StripeConfig = {}) => stripeClientFor(emulator, config);

beforeEach(() => {
  emulator.faults.clear();
  emulator.requests.clear();
});

afterAll(() => emulator.close());

describe('status faults', () => {
  it('answers 500 as api_error, surfacing as StripeAPIError', async () => {
    emulator.faults.inject({ method: 'POST', path: '/v1/accounts', kind: 'status', status: 500 });
    const error = await captureStripeError(stripeClient().accounts.create({ type: 'express' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
  });

  it('answers 429 as rate_limit, surfacing as StripeRateLimitError', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 429 });
    const error = await captureStripeError(stripeClient().accounts.create({ type: 'express' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit' });
  });

  it('answers with the error body the test gives', async () => {
    const body = {
      error: { type: 'invalid_request_error' as const, message: 'Custom outage', code: 'lock_timeout' },
    };
    emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 409, body });
    const error = await captureStripeError(stripeClient().accounts.create({ type: 'express' }));
    expect(error).toMatchObject({ statusCode: 409, message: 'Custom outage', code: 'lock_timeout' });
  });

  it('applies to the given number of matching requests only, oldest fault first', async () => {
    emulator.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'status', status: 503, times: 2 });
    emulator.faults.inject({ path: /^\/v1\/accounts$/, kind: 'status', status: 429 });
    const stripe = stripeClient();
    await stripe.accounts.create({ type: 'custom' }).catch(() => undefined);
    const account = await stripe.accounts.create({ type: 'custom' });
    await stripe.accounts.retrieve(account.id);
    expect(emulator.faults.list()).toMatchObject([{ remaining: 2, spec: { status: 503 } }]);
    expect(emulator.requests.list().map((request) => request.status)).toEqual([429, 200, 200]);
  });
});

describe('delay faults', () => {
  it('holds the response past the SDK timeout, surfacing as StripeConnectionError', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'delay', ms: 5_000 });
    const error = await captureStripeError(
      stripeClient({ timeout: 200 }).accounts.create({ type: 'express' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(error.message).toContain('timeout');
  });

  it('has processed the request, so a retry with the same key replays it instead of creating another', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'delay', ms: 5_000 });
    const stripe = stripeClient({ timeout: 200 });
    await captureStripeError(
      stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'after-timeout' }),
    );
    const account = await stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'after-timeout' });

    expect(account.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(accountCreations().map((attempt) => [attempt.status, attempt.idempotentReplayed])).toEqual([
      [200, false],
      [200, true],
    ]);
  });

  it('answers normally when the delay is shorter than the timeout', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'delay', ms: 50 });
    await expect(
      stripeClient({ timeout: 2_000 }).accounts.create({ type: 'express' }),
    ).resolves.toMatchObject({
      object: 'account',
    });
  });
});

describe('drop faults', () => {
  // The SDK retries a reset connection once even with maxNetworkRetries 0, so failing takes two drops.
  it('closes the connection without an answer, surfacing as StripeConnectionError', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'drop', times: 2 });
    const error = await captureStripeError(stripeClient().accounts.create({ type: 'express' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    const attempts = accountCreations();
    expect(attempts.map((attempt) => [attempt.status, attempt.fault])).toEqual([
      [null, 'drop'],
      [null, 'drop'],
    ]);
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(1);
  });

  it('does not process the dropped request', async () => {
    emulator.faults.inject({ path: '/v1/accounts', kind: 'drop' });
    const account = await stripeClient().accounts.create({ type: 'express' });
    const attempts = accountCreations();
    expect(attempts.map((attempt) => attempt.idempotentReplayed)).toEqual([false, false]);
    expect(attempts[1]?.idempotencyKey).toBe(attempts[0]?.idempotencyKey);
    expect(account.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('fault injection validation', () => {
  it.each([
    [{ kind: 'status', status: 200 }, '`status`'],
    [{ kind: 'delay', ms: -1 }, '`ms`'],
    [{ kind: 'drop', times: 0 }, '`times`'],
    [{ kind: 'explode' }, '`kind`'],
    [{ kind: 'status', status: 500, stage: 'response' }, '`stage`'],
    [{ kind: 'delay', ms: 1, stage: 'edge' }, '`stage`'],
    [{ kind: 'status', status: 500, shouldRetry: 'no' }, '`shouldRetry`'],
  ])('rejects %j', (spec, complaint) => {
    expect(() => emulator.faults.inject(spec as never)).toThrow(complaint);
  });
});

describe('control routes', () => {
  const control = (method: string, path: string, json?: unknown) => callControl(emulator, method, path, json);

  it('injects, lists and clears faults over HTTP, with regular expressions as pathRegex', async () => {
    const pathRegex = '^/v1/accounts/[^/]+/login_links$';
    const injected = await control('POST', 'faults', {
      method: 'post',
      pathRegex,
      kind: 'status',
      status: 503,
      times: 3,
    });
    expect(injected.status).toBe(201);
    expect(injected.body).toMatchObject({ remaining: 3, spec: { pathRegex: new RegExp(pathRegex).source } });
    expect((await control('GET', 'faults')).body).toMatchObject({ data: [{ remaining: 3 }] });

    const account = await stripeClient().accounts.create({ type: 'express' });
    const error = await captureStripeError(stripeClient().accounts.createLoginLink(account.id));
    expect(error).toMatchObject({ statusCode: 503 });

    expect((await control('DELETE', 'faults')).status).toBe(204);
    expect((await control('GET', 'faults')).body).toEqual({ data: [] });
  });

  it('answers 400 for an invalid fault or malformed JSON', async () => {
    expect(await control('POST', 'faults', { kind: 'status', status: 'soon' })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('`status`') } },
    });
    const malformed = await callApi(emulator, 'POST', '/_emulator/faults', {
      apiKey: null,
      form: '{"kind":',
    });
    expect(malformed.status).toBe(400);
  });

  it('lists the Stripe requests received, with their idempotency keys, and clears them', async () => {
    const stripe = stripeClient();
    const account = await stripe.accounts.create({ type: 'express', metadata: { creator_id: '7' } });
    await stripe.accounts.retrieve(account.id);

    const { body } = await control('GET', 'requests');
    expect(body).toMatchObject({
      data: [
        {
          method: 'POST',
          path: '/v1/accounts',
          idempotencyKey: expect.stringMatching(/^stripe-node-retry-/),
          params: { type: 'express', metadata: { creator_id: '7' } },
          status: 200,
          fault: null,
          requestId: account.lastResponse.requestId,
        },
        { method: 'GET', path: `/v1/accounts/${account.id}`, idempotencyKey: null, status: 200 },
      ],
    });
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect((await control('GET', 'requests')).body).toEqual({ data: [] });
  });

  it('seeds accounts over HTTP', async () => {
    const seeded = await control('POST', 'accounts', {
      id: 'acct_1ControlSeeded00',
      type: 'express',
      details_submitted: false,
    });
    expect(seeded).toMatchObject({
      status: 201,
      body: { id: 'acct_1ControlSeeded00', charges_enabled: false },
    });
    await expect(stripeClient().accounts.retrieve('acct_1ControlSeeded00')).resolves.toMatchObject({
      details_submitted: false,
    });
    expect((await control('POST', 'accounts', { id: 'not-an-account' })).status).toBe(400);
  });

  it('answers 404 for an unknown control route', async () => {
    expect((await control('GET', 'nothing-here')).status).toBe(404);
  });
});
