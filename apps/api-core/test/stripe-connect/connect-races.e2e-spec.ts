import type { StripeEmulator } from '@biore/stripe-emulator';
import { CONNECT, callApi, newCreator, onboardedCreator, startConnectTestApi } from '../support/connect.js';
import { readEnvelope } from '../support/http.js';
import type { TestApi, TestApiWithStripe } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';

const ACCOUNT_CREATION = '/v1/accounts';

/** Issue 13, point 6: one account's reads and writes in order, and account creation that survives Stripe's 5xx. */
describe('Connect order and races', () => {
  let stripe: StripeEmulator;
  let api: TestApi;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startConnectTestApi();
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  beforeEach(() => {
    stripe.faults.clear();
    stripe.requests.clear();
  });

  it('a slow sync holding an older read cannot overwrite what a later webhook stored', async () => {
    const creator = await onboardedCreator(api, stripe);
    const accountPath = `/v1/accounts/${creator.stripeAccountId}`;
    stripe.accounts.setState(creator.stripeAccountId, 'past_due');
    await stripe.webhooks.idle();

    // The sync reads the account while it is still past due, and its answer is held back on the way.
    stripe.requests.clear();
    stripe.faults.inject({ method: 'GET', path: accountPath, kind: 'delay', ms: 500 });
    const sync = callApi(api, 'POST', `${CONNECT}/status/sync`, creator.token);
    await waitFor(() => {
      expect(stripe.requests.list().some((request) => request.path === accountPath)).toBe(true);
    });
    // Meanwhile Stripe enables the account, and its webhook's read answers at once.
    stripe.accounts.setState(creator.stripeAccountId, 'enabled');
    await stripe.webhooks.idle();
    expect((await sync).status).toBe(200);

    const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
    expect(stored.stripeAccountStatus).toBe('ACTIVE');
    expect(stripe.requests.list().filter((request) => request.path === accountPath)).toHaveLength(2);
  });

  describe('account creation after Stripe answered 500', () => {
    const creations = () =>
      stripe.requests
        .list()
        .filter((request) => request.method === 'POST' && request.path === ACCOUNT_CREATION);

    it('looks for an account Stripe made anyway, then retries under a new key: onboarding goes on', async () => {
      const creator = await newCreator(api);
      stripe.faults.inject({ method: 'POST', path: ACCOUNT_CREATION, kind: 'status', status: 500 });
      const started = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      expect(started.status).toBe(200);

      const attempts = creations();
      expect(attempts.map((request) => request.status)).toEqual([500, 200]);
      expect(new Set(attempts.map((request) => request.idempotencyKey)).size).toBe(2);
      expect(
        stripe.requests
          .list()
          .some((request) => request.method === 'GET' && request.path === ACCOUNT_CREATION),
      ).toBe(true);
      const { id, stripeAccountId } = await api.prisma.creatorProfile.findUniqueOrThrow({
        where: { userId: creator.id },
      });
      const made = stripe.accounts.list().filter((account) => account.metadata.creatorProfileId === id);
      expect(made.map((account) => account.id)).toEqual([stripeAccountId]);
    });

    it('is not locked out for a day when Stripe fails every try of one call: the next call succeeds', async () => {
      const creator = await newCreator(api);
      stripe.faults.inject({ method: 'POST', path: ACCOUNT_CREATION, kind: 'status', status: 500, times: 2 });
      const failed = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      expect([failed.status, (await readEnvelope(failed)).error?.code]).toEqual([
        502,
        'creator.stripe.unavailable',
      ]);

      const retried = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      expect(retried.status).toBe(200);
      const keys = creations().map((request) => request.idempotencyKey);
      expect(creations().map((request) => request.status)).toEqual([500, 500, 200]);
      expect(new Set(keys).size).toBe(3);
    });

    it('uses the account Stripe created before failing, and creates no second one', async () => {
      const creator = await newCreator(api);
      const { id } = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      // What Stripe made before its 500: an account carrying this creator in its metadata.
      const madeAnyway = stripe.accounts.seed({
        type: 'express',
        details_submitted: false,
        metadata: { creatorProfileId: id },
      });
      stripe.faults.inject({ method: 'POST', path: ACCOUNT_CREATION, kind: 'status', status: 500 });
      const started = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      expect(started.status).toBe(200);
      expect((await readEnvelope(started)).data.url).toContain(madeAnyway.id);
      expect(creations()).toHaveLength(1);
      const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { id } });
      expect(stored.stripeAccountId).toBe(madeAnyway.id);
    });
  });
});
