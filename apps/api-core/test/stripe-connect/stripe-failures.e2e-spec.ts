import type { SeedAccount, StripeEmulator } from '@biore/stripe-emulator';
import { accessTokenFor, createUser, uniqueAccountId } from '../support/fixtures.js';
import { startTestApi, startTestStripe, type TestApi } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const LOGIN_LINKS = '/v1/accounts/*/login_links';

/** What Stripe refuses or fails at, each mapped to its own creator.stripe.* code and a status saying who acts. */
describe('dashboard-link when Stripe refuses or fails', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;
  let api: TestApi;

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
    api = await startTestApi({ ...stripeEnv, STRIPE_TIMEOUT_MS: '400' });
  });

  afterAll(async () => {
    await api?.close();
    await stripe?.close();
  });

  beforeEach(() => {
    stripe.faults.clear();
    stripe.requests.clear();
  });

  /** An ACTIVE creator in our database whose Stripe-side account is whatever the test seeds (or nothing). */
  async function creatorWithStripeAccount(account?: SeedAccount) {
    const stripeAccountId = uniqueAccountId();
    if (account) stripe.accounts.seed({ id: stripeAccountId, ...account });
    const user = await createUser(api.prisma, { stripeAccountId, stripeAccountStatus: 'ACTIVE' });
    return accessTokenFor(user.id);
  }

  const expressAccount: SeedAccount = {
    type: 'express',
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  };

  async function callWith(token: string, target: TestApi = api) {
    const response = await fetch(target.origin + ROUTE, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    expect(text).not.toContain(stripe.secretKey);
    expect(text).not.toMatch(/\n\s+at /);
    return { status: response.status, headers: response.headers, error: JSON.parse(text).error };
  }

  it('account unknown to Stripe → 409 creator.stripe.account_invalid', async () => {
    const { status, error } = await callWith(await creatorWithStripeAccount());
    expect([status, error.code, error.i18nKey]).toEqual([
      409,
      'creator.stripe.account_invalid',
      'creator.stripe.account_invalid',
    ]);
  });

  it('account that is not Express → 409 creator.stripe.not_express', async () => {
    const token = await creatorWithStripeAccount({
      type: 'standard',
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
    });
    const { status, error } = await callWith(token);
    expect([status, error.code]).toEqual([409, 'creator.stripe.not_express']);
  });

  it('onboarding unfinished on Stripe although our snapshot says ACTIVE → 400 creator.stripe.onboarding_incomplete', async () => {
    const token = await creatorWithStripeAccount({ type: 'express', details_submitted: false });
    const { status, error } = await callWith(token);
    expect([status, error.code]).toEqual([400, 'creator.stripe.onboarding_incomplete']);
  });

  it('Stripe rate limit (429) → 503 creator.stripe.rate_limited with Retry-After', async () => {
    const token = await creatorWithStripeAccount(expressAccount);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'status', status: 429 });
    const { status, headers, error } = await callWith(token);
    expect([status, error.code]).toEqual([503, 'creator.stripe.rate_limited']);
    expect(headers.get('retry-after')).toBe('2');
  });

  it('Stripe 5xx → 502 creator.stripe.unavailable', async () => {
    const token = await creatorWithStripeAccount(expressAccount);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'status', status: 500 });
    const { status, error } = await callWith(token);
    expect([status, error.code]).toEqual([502, 'creator.stripe.unavailable']);
  });

  it('Stripe slower than the timeout → 504 creator.stripe.timeout, answered within the budget', async () => {
    const token = await creatorWithStripeAccount(expressAccount);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'delay', ms: 3_000 });
    const startedAt = Date.now();
    const { status, error } = await callWith(token);
    expect([status, error.code]).toEqual([504, 'creator.stripe.timeout']);
    // The client is answered once the 400 ms timeout fires, not when Stripe finally replies.
    expect(Date.now() - startedAt).toBeLessThan(2_500);
  });

  it('connection dropped by Stripe → 502 creator.stripe.unavailable', async () => {
    const token = await creatorWithStripeAccount(expressAccount);
    // stripe-node retries a reset connection once even with retries off, so both attempts must be dropped.
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'drop', times: 2 });
    const { status, error } = await callWith(token);
    expect([status, error.code]).toEqual([502, 'creator.stripe.unavailable']);
  });

  it('a secret key Stripe rejects → 502 creator.stripe.request_rejected, the key never echoed', async () => {
    const misconfigured = await startTestApi({
      ...stripeEnv,
      STRIPE_SECRET_KEY: 'sk_test_wrongwrongwrong1234',
    });
    try {
      const stripeAccountId = uniqueAccountId();
      stripe.accounts.seed({ id: stripeAccountId, ...expressAccount });
      const user = await createUser(misconfigured.prisma, { stripeAccountId, stripeAccountStatus: 'ACTIVE' });
      const response = await fetch(misconfigured.origin + ROUTE, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessTokenFor(user.id)}` },
      });
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(JSON.parse(text).error.code).toBe('creator.stripe.request_rejected');
      expect(text).not.toContain('wrongwrongwrong');
    } finally {
      await misconfigured.close();
    }
  });

  it('retries what never reached Stripe with the same idempotency key, and succeeds', async () => {
    const retrying = await startTestApi({ ...stripeEnv, STRIPE_MAX_NETWORK_RETRIES: '2' });
    try {
      const token = await creatorWithStripeAccount(expressAccount);
      // Refused at Stripe's edge: nothing ran under the key, so the SDK's retries may use it again.
      stripe.faults.inject({ path: LOGIN_LINKS, kind: 'status', status: 503, stage: 'edge', times: 2 });
      expect((await callWith(token, retrying)).status).toBe(200);
      const calls = stripe.requests.list().filter((request) => request.path.endsWith('/login_links'));
      expect(calls.map((call) => call.status)).toEqual([503, 503, 200]);
      expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
      expect(calls[0]?.idempotencyKey).toEqual(expect.any(String));
    } finally {
      await retrying.close();
    }
  });

  it('answers 502 when Stripe failed a call it will replay, and the next call (a new key) succeeds', async () => {
    const retrying = await startTestApi({ ...stripeEnv, STRIPE_MAX_NETWORK_RETRIES: '2' });
    try {
      const token = await creatorWithStripeAccount(expressAccount);
      // A 500 from Stripe's endpoint is stored under the key with `Stripe-Should-Retry: false`: retrying the same
      // key would only replay it, so the SDK does not, and the caller gets 502 at once.
      stripe.faults.inject({ path: LOGIN_LINKS, kind: 'status', status: 500, times: 1 });
      const failed = await callWith(token, retrying);
      expect([failed.status, failed.error.code]).toEqual([502, 'creator.stripe.unavailable']);
      expect((await callWith(token, retrying)).status).toBe(200);
      const calls = stripe.requests.list().filter((request) => request.path.endsWith('/login_links'));
      expect(calls.map((call) => call.status)).toEqual([500, 200]);
      expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(2);
    } finally {
      await retrying.close();
    }
  });

  describe('with retries on: the mapped error within the timeout budget, every attempt with one idempotency key', () => {
    const TIMEOUT_MS = 400;
    const RETRIES = 2;
    // stripe-node waits before retry n: 0.5 s × 2^(n-1), jittered down to half, never under 0.5 s (max 5 s).
    const BACKOFF_MS = 500 + 1_000;
    const BUDGET_MS = TIMEOUT_MS * (RETRIES + 1) + BACKOFF_MS;
    // What a loaded machine adds on top (two cores shared with the rest of the suite).
    const SLACK_MS = 1_500;
    let retrying: TestApi;

    beforeAll(async () => {
      retrying = await startTestApi({
        ...stripeEnv,
        STRIPE_TIMEOUT_MS: String(TIMEOUT_MS),
        STRIPE_MAX_NETWORK_RETRIES: String(RETRIES),
      });
    });
    afterAll(() => retrying?.close());

    it.each([
      // Stripe replays a 500 under its key and says not to retry: one call.
      ['answering 500', 502, 'creator.stripe.unavailable', { kind: 'status', status: 500 }, 1],
      [
        'refusing at its edge with 503',
        502,
        'creator.stripe.unavailable',
        { kind: 'status', status: 503, stage: 'edge' },
        RETRIES + 1,
      ],
      // Stripe's 429 is not retried by the SDK: it asks the caller to slow down.
      ['answering 429', 503, 'creator.stripe.rate_limited', { kind: 'status', status: 429 }, 1],
      ['slower than the timeout', 504, 'creator.stripe.timeout', { kind: 'delay', ms: 3_000 }, RETRIES + 1],
      ['dropping the connection', 502, 'creator.stripe.unavailable', { kind: 'drop' }, RETRIES + 1],
    ] as const)('Stripe %s every time → %i %s', async (_, status, code, fault, attempts) => {
      const token = await creatorWithStripeAccount(expressAccount);
      stripe.faults.inject({ path: LOGIN_LINKS, ...fault, times: 10 });
      const startedAt = Date.now();
      const answer = await callWith(token, retrying);
      const elapsedMs = Date.now() - startedAt;
      expect([answer.status, answer.error.code, answer.error.i18nKey]).toEqual([status, code, code]);
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      const calls = stripe.requests.list().filter((request) => request.path.endsWith('/login_links'));
      expect(calls).toHaveLength(attempts);
      expect(calls[0]?.idempotencyKey).toEqual(expect.any(String));
      expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
    });
  });
});
