import { createHmac } from 'node:crypto';
import type { StripeEmulator } from '@biore/stripe-emulator';
import {
  CONNECT,
  CONNECT_WEBHOOK_SECRET,
  callApi,
  newCreator as newCreatorOf,
  pressOnboardingAction as pressOnStripe,
  startConnectTestApi,
  WEBHOOK,
} from '../support/connect.js';
import { accessTokenFor, createActiveCreator, createUser, uniqueAccountId } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

const APP_URL = 'http://app.test';

describe('Stripe Connect lifecycle: onboarding, refresh and return URLs, webhooks, status', () => {
  let stripe: StripeEmulator;
  let api: TestApi;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startConnectTestApi({
      stripe: { webhookRetry: { attempts: 3, initialDelayMs: 20 } },
      env: { APP_URL },
    });
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  const call = (method: string, path: string, token?: string) => callApi(api, method, path, token);
  const newCreator = () => newCreatorOf(api);
  const pressOnboardingAction = (linkUrl: string, action: 'complete' | 'incomplete') =>
    pressOnStripe(stripe, linkUrl, action);

  async function profileOf(userId: string) {
    return api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });
  }

  it('takes a new creator from no account to ACTIVE and a working dashboard link, all over HTTP', async () => {
    const creator = await newCreator();
    const started = await call('POST', `${CONNECT}/onboarding-link`, creator.token);
    expect(started.status).toBe(200);
    const { url, expiresAt } = (await readEnvelope(started)).data;
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const pending = await profileOf(creator.id);
    expect(pending.stripeAccountId).toMatch(/^acct_/);
    expect(pending.stripeAccountStatus).toBe('PENDING');
    expect(stripe.accounts.get(pending.stripeAccountId ?? '')?.type).toBe('express');

    // Visiting the link uses it up, as on Stripe: the hosted page the visit lands on takes the creator's answer.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('complete');

    const returnUrl = await pressOnboardingAction(page.url, 'complete');
    expect(returnUrl.startsWith(`${api.origin + CONNECT}/onboarding/return?state=`)).toBe(true);
    const active = await profileOf(creator.id);
    // Paid by transfer (STRIPE_CONNECT_CAPABILITIES' default): ACTIVE without taking charges.
    expect(active).toMatchObject({
      stripeAccountStatus: 'ACTIVE',
      stripeDetailsSubmitted: true,
      stripeChargesEnabled: false,
      stripePayoutsEnabled: true,
      stripeDisabledReason: null,
      stripeCapabilities: { transfers: 'active' },
    });
    const delivered = stripe.webhooks.deliveries().filter((d) => d.url.endsWith(WEBHOOK) && d.status === 200);
    expect(delivered.length).toBeGreaterThan(0);
    await expect(
      api.prisma.stripeWebhookEvent.findUnique({ where: { id: delivered.at(-1)?.eventId } }),
    ).resolves.toMatchObject({
      outcome: 'APPLIED',
      accountId: pending.stripeAccountId,
    });

    const back = await fetch(returnUrl, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${APP_URL}/settings/payouts?stripeOnboarding=active`);

    const dashboard = await call('POST', `${CONNECT}/dashboard-link`, creator.token);
    expect(dashboard.status).toBe(200);
    const loginUrl = (await readEnvelope(dashboard)).data.url;
    expect((await fetch(loginUrl)).status).toBe(200);
    expect((await fetch(loginUrl)).status).toBe(410);
  });

  it('creates exactly one Stripe account however many onboarding calls race', async () => {
    const creator = await newCreator();
    stripe.requests.clear();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', `${CONNECT}/onboarding-link`, creator.token)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    const creates = stripe.requests.list().filter((r) => r.method === 'POST' && r.path === '/v1/accounts');
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(creates.filter((r) => !r.idempotentReplayed && r.status === 200)).toHaveLength(1);
    const { stripeAccountId } = await profileOf(creator.id);
    expect(stripe.accounts.get(stripeAccountId ?? '')).toBeDefined();
  });

  it('refreshes onboarding links, and refuses what cannot be onboarded', async () => {
    const creator = await newCreator();
    const noAccount = await call('POST', `${CONNECT}/refresh-onboarding-link`, creator.token);
    expect([noAccount.status, (await readEnvelope(noAccount)).error?.code]).toEqual([
      400,
      'creator.stripe.account_not_found',
    ]);

    const first = (await readEnvelope(await call('POST', `${CONNECT}/onboarding-link`, creator.token))).data
      .url;
    const refreshed = await call('POST', `${CONNECT}/refresh-onboarding-link`, creator.token);
    expect(refreshed.status).toBe(200);
    expect((await readEnvelope(refreshed)).data.url).not.toBe(first);

    const fan = await createUser(api.prisma);
    const notCreator = await call('POST', `${CONNECT}/onboarding-link`, accessTokenFor(fan.id));
    expect([notCreator.status, (await readEnvelope(notCreator)).error?.code]).toEqual([
      404,
      'creator.stripe.not_creator',
    ]);

    const done = await createActiveCreator(api.prisma, stripe);
    for (const route of ['onboarding-link', 'refresh-onboarding-link']) {
      const refused = await call('POST', `${CONNECT}/${route}`, accessTokenFor(done.id));
      expect([refused.status, (await readEnvelope(refused)).error?.code]).toEqual([
        409,
        'creator.stripe.already_active',
      ]);
    }
    expect((await call('POST', `${CONNECT}/onboarding-link`)).status).toBe(401);
  });

  it('sends a used link through refresh_url to a fresh one, and lands a forged state on the page', async () => {
    const creator = await newCreator();
    const { url } = (await readEnvelope(await call('POST', `${CONNECT}/onboarding-link`, creator.token)))
      .data;
    await pressOnboardingAction(url, 'incomplete');
    const used = await fetch(url, { redirect: 'manual' });
    expect(used.status).toBe(302);
    const refreshUrl = used.headers.get('location') ?? '';
    expect(refreshUrl.startsWith(`${api.origin + CONNECT}/onboarding/refresh?state=`)).toBe(true);
    const minted = await fetch(refreshUrl, { redirect: 'manual' });
    expect(minted.status).toBe(302);
    const freshLink = minted.headers.get('location') ?? '';
    expect(freshLink).not.toBe(url);
    expect((await fetch(freshLink)).status).toBe(200);

    const forged = await call('GET', `${CONNECT}/onboarding/refresh?state=${accessTokenFor(creator.id)}`);
    expect([forged.status, forged.headers.get('location')]).toEqual([
      302,
      `${APP_URL}/settings/payouts?stripeOnboarding=error&reason=creator.stripe.onboarding_state_invalid`,
    ]);
    const missing = await call('GET', `${CONNECT}/onboarding/return`);
    expect([missing.status, missing.headers.get('location')]).toEqual([
      302,
      `${APP_URL}/settings/payouts?stripeOnboarding=error&reason=creator.stripe.onboarding_state_invalid`,
    ]);
  });

  it('follows Stripe through restriction and back: ACTIVE again only when Stripe says so', async () => {
    const creator = await newCreator();
    const { url } = (await readEnvelope(await call('POST', `${CONNECT}/onboarding-link`, creator.token)))
      .data;
    await pressOnboardingAction(url, 'complete');
    const { stripeAccountId } = await profileOf(creator.id);
    const accountId = stripeAccountId ?? '';

    stripe.accounts.update(accountId, 'restrict');
    await stripe.webhooks.idle();
    expect(await profileOf(creator.id)).toMatchObject({
      stripeAccountStatus: 'RESTRICTED',
      stripeDisabledReason: 'requirements.past_due',
      stripeRequirementsDue: ['individual.verification.document'],
    });
    const blocked = await call('POST', `${CONNECT}/dashboard-link`, creator.token);
    expect((await readEnvelope(blocked)).error).toMatchObject({
      code: 'creator.stripe.not_active',
      i18nVars: { status: 'RESTRICTED' },
    });

    const synced = await call('POST', `${CONNECT}/status/sync`, creator.token);
    expect((await readEnvelope(synced)).data.status).toBe('RESTRICTED');

    stripe.accounts.update(accountId, 'complete');
    await stripe.webhooks.idle();
    const status = (await readEnvelope(await call('GET', `${CONNECT}/status`, creator.token))).data;
    expect(status).toEqual({
      stripeAccountId: accountId,
      status: 'ACTIVE',
      chargesEnabled: false,
      payoutsEnabled: true,
      detailsSubmitted: true,
      requirementsDue: [],
      disabledReason: null,
      syncedAt: expect.any(String),
      nextAction: 'none',
      nextActionDeadline: null,
      requirements: {
        currentlyDue: [],
        pastDue: [],
        eventuallyDue: [],
        pendingVerification: [],
        currentDeadline: null,
        errors: [],
      },
      capabilities: { transfers: 'active' },
      lastPayoutFailure: null,
      disconnectedAt: null,
    });

    stripe.accounts.update(accountId, 'disable');
    await stripe.webhooks.idle();
    expect((await profileOf(creator.id)).stripeAccountStatus).toBe('DISABLED');
  });

  it('converges on Stripe’s latest state whatever the delivery order, and processes a duplicate once', async () => {
    const creator = await newCreator();
    const { url } = (await readEnvelope(await call('POST', `${CONNECT}/onboarding-link`, creator.token)))
      .data;
    await pressOnboardingAction(url, 'complete');
    const accountId = (await profileOf(creator.id)).stripeAccountId ?? '';

    stripe.webhooks.pause();
    const restricted = stripe.accounts.update(accountId, 'restrict');
    const reenabled = stripe.accounts.update(accountId, 'complete');
    stripe.webhooks.resume({ order: 'reverse', duplicate: true });
    await stripe.webhooks.idle();
    expect((await profileOf(creator.id)).stripeAccountStatus).toBe('ACTIVE');
    const recorded = await api.prisma.stripeWebhookEvent.findMany({
      where: { id: { in: [restricted.id, reenabled.id] } },
    });
    expect(recorded).toHaveLength(2);

    const deliveriesBefore = stripe.webhooks.deliveries().length;
    stripe.webhooks.redeliver(reenabled.id);
    await stripe.webhooks.idle();
    expect(stripe.webhooks.deliveries()).toHaveLength(deliveriesBefore + 1);
    expect(await api.prisma.stripeWebhookEvent.count({ where: { id: reenabled.id } })).toBe(1);
  });

  it('answers status and sync errors: no token, not a creator, no account yet', async () => {
    expect((await call('GET', `${CONNECT}/status`)).status).toBe(401);
    const fan = await createUser(api.prisma);
    const fanStatus = await call('GET', `${CONNECT}/status`, accessTokenFor(fan.id));
    expect([fanStatus.status, (await readEnvelope(fanStatus)).error?.code]).toEqual([
      404,
      'creator.stripe.not_creator',
    ]);
    const creator = await newCreator();
    const fresh = await call('GET', `${CONNECT}/status`, creator.token);
    expect((await readEnvelope(fresh)).data).toMatchObject({
      stripeAccountId: null,
      status: 'PENDING',
      syncedAt: null,
    });
    const sync = await call('POST', `${CONNECT}/status/sync`, creator.token);
    expect([sync.status, (await readEnvelope(sync)).error?.code]).toEqual([
      400,
      'creator.stripe.account_not_found',
    ]);
  });

  describe('webhook endpoint', () => {
    function sign(
      payload: string,
      secret = CONNECT_WEBHOOK_SECRET,
      timestamp = Math.floor(Date.now() / 1000),
    ) {
      const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
      return `t=${timestamp},v1=${signature}`;
    }

    const event = (overrides: Record<string, unknown>) =>
      JSON.stringify({
        id: `evt_${uniqueAccountId().slice(5)}`,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'account.updated',
        data: { object: { id: uniqueAccountId(), object: 'account' } },
        ...overrides,
      });

    const deliver = (payload: string, signature?: string) =>
      fetch(api.origin + WEBHOOK, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature && { 'stripe-signature': signature }) },
        body: payload,
      });

    it.each([
      ['no signature', undefined],
      ['a signature made with another secret', 'other'],
      ['a signature older than the tolerance', 'stale'],
      ['a signature of another body', 'tampered'],
    ])('refuses %s with 400 and stores nothing', async (_case, kind) => {
      const payload = event({});
      const signature =
        kind === undefined
          ? undefined
          : kind === 'other'
            ? sign(payload, 'whsec_someone_else')
            : kind === 'stale'
              ? sign(payload, CONNECT_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600)
              : sign(`${payload} `);
      const response = await deliver(payload, signature);
      expect(response.status).toBe(400);
      expect((await readEnvelope(response)).error?.code).toBe('webhook.stripe.signature_invalid');
      expect(await api.prisma.stripeWebhookEvent.count({ where: { id: JSON.parse(payload).id } })).toBe(0);
    });

    it('acknowledges and ignores other event types and unknown accounts', async () => {
      for (const payload of [event({ type: 'payout.paid', data: { object: { id: 'po_1' } } }), event({})]) {
        const response = await deliver(payload, sign(payload));
        expect(response.status).toBe(200);
        expect((await readEnvelope(response)).data).toEqual({
          eventId: JSON.parse(payload).id,
          outcome: 'IGNORED',
        });
      }
    });

    it('answers 503 while no webhook secret is configured, so Stripe retries later', async () => {
      const unconfigured = await startTestApi({
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_API_BASE: stripe.url,
      });
      try {
        const payload = event({});
        const response = await fetch(unconfigured.origin + WEBHOOK, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload) },
          body: payload,
        });
        expect([response.status, (await readEnvelope(response)).error?.code]).toEqual([
          503,
          'webhook.stripe.not_configured',
        ]);
      } finally {
        await unconfigured.close();
      }
    });
  });
});
