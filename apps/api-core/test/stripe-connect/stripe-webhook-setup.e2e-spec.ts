import { readFile } from 'node:fs/promises';
import { type StripeEmulator, stripeSignatureHeader } from '@biore/stripe-emulator';
import { STRIPE_API_VERSION } from '../../src/features/stripe-connect/stripe/stripe-client.js';
import { HANDLED_STRIPE_EVENTS } from '../../src/features/stripe-connect/webhooks/handled-events.js';
import { type AppConfig, repositoryRootAbove } from '../../src/platform/config/app-config.js';
import { APP_CONFIG } from '../../src/platform/config/config.module.js';
import {
  CONNECT,
  callApi,
  newCreator,
  onboardedCreator,
  registerConnectEndpoint,
  WEBHOOK,
} from '../support/connect.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi, startTestStripe, type TestApi } from '../support/test-api.js';

const OLD_SECRET = 'whsec_test_rotation_old_0123456789';
const NEW_SECRET = 'whsec_test_rotation_new_0123456789';

/** The operator's side of Stripe's webhooks: the documented endpoint, secret rotation, the key's mode. */
describe('Stripe webhook setup', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
  });

  afterAll(() => stripe?.close());

  /** An event as Stripe would send it for the account, signed with `secrets` (several during a roll). */
  function signedAccountEvent(
    stripeAccountId: string,
    secrets: string[],
    change: Record<string, unknown> = {},
  ) {
    const payload = JSON.stringify({
      id: `evt_${Math.random().toString(36).slice(2)}`,
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: Math.floor(Date.now() / 1_000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'account.updated',
      account: stripeAccountId,
      data: { object: { id: stripeAccountId, object: 'account' } },
      ...change,
    });
    const timestamp = Math.floor(Date.now() / 1_000);
    return { payload, signature: stripeSignatureHeader(payload, secrets, timestamp) };
  }

  async function deliver(api: TestApi, { payload, signature }: { payload: string; signature: string }) {
    const response = await fetch(api.origin + WEBHOOK, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    return { status: response.status, body: await readEnvelope(response) };
  }

  it('documents in the README exactly the events the API handles, the pinned version and a Connect endpoint', async () => {
    const readme = await readFile(`${repositoryRootAbove(import.meta.url)}/README.md`, 'utf8');
    const listed = readme.match(
      /<!-- stripe-webhook-events -->([\s\S]*?)<!-- \/stripe-webhook-events -->/,
    )?.[1];
    const documented = [...(listed ?? '').matchAll(/^- `([a-z_.]+)`$/gm)].map((match) => match[1]);
    expect(documented).toEqual([...HANDLED_STRIPE_EVENTS]);
    const section = readme.slice(readme.indexOf('### Stripe webhook endpoint'));
    expect(section).toContain(`API version \`${STRIPE_API_VERSION}\``);
    expect(section).toContain('a Connect endpoint');
  });

  it('registers the development emulator’s endpoint as documented: Connect, the pinned version, the handled events', async () => {
    const development = await startTestApi({ STRIPE_EMULATOR: 'on' });
    try {
      const config = development.app.get<AppConfig>(APP_CONFIG);
      if (config.stripe.mode !== 'remote' || !config.stripe.apiBase) throw new Error('no emulator started');
      const emulator = config.stripe.apiBase;
      const listing = await fetch(new URL('/_emulator/webhook-endpoints', emulator));
      const { data: endpoints } = (await listing.json()) as { data: unknown[] };
      expect(endpoints).toEqual([
        expect.objectContaining({
          url: `${development.origin}${WEBHOOK}`,
          enabled_events: [...HANDLED_STRIPE_EVENTS],
          api_version: STRIPE_API_VERSION,
        }),
      ]);

      // A Connect endpoint is one that gets the connected accounts' events: onboarding completes by webhook alone.
      const creator = await newCreator(development);
      const started = await callApi(development, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      const completed = await fetch((await readEnvelope(started)).data.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=complete',
        redirect: 'manual',
      });
      expect(completed.status).toBe(302);
      await fetch(new URL('/_emulator/webhooks/idle', emulator));
      const stored = await development.prisma.creatorProfile.findUniqueOrThrow({
        where: { userId: creator.id },
      });
      expect(stored.stripeAccountStatus).toBe('ACTIVE');
    } finally {
      await development.close();
    }
  });

  describe('rotating the signing secret', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: `${NEW_SECRET},${OLD_SECRET}` });
    });
    afterAll(() => api?.close());

    it('accepts deliveries signed with either configured secret, or both, and nothing else', async () => {
      const creator = await onboardedCreator(api, stripe);
      for (const secrets of [[OLD_SECRET], [NEW_SECRET], [OLD_SECRET, NEW_SECRET]]) {
        const { status, body } = await deliver(api, signedAccountEvent(creator.stripeAccountId, secrets));
        expect([secrets.length, status, body.data?.outcome]).toEqual([secrets.length, 200, 'APPLIED']);
      }
      const forged = await deliver(api, signedAccountEvent(creator.stripeAccountId, ['whsec_someone_else']));
      expect([forged.status, forged.body.error?.code]).toEqual([400, 'webhook.stripe.signature_invalid']);
    });

    it('loses no event while the endpoint’s secret changes from the old to the new one', async () => {
      const creator = await onboardedCreator(api, stripe);
      const endpoint = registerConnectEndpoint(stripe, api, OLD_SECRET);
      try {
        stripe.accounts.setState(creator.stripeAccountId, 'past_due');
        await stripe.webhooks.idle();
        // Stripe's roll, the old secret expiring at once: from now on deliveries carry the new signature only.
        registerConnectEndpoint(stripe, api, NEW_SECRET);
        stripe.accounts.setState(creator.stripeAccountId, 'enabled');
        await stripe.webhooks.idle();
        const attempts = stripe.webhooks.deliveries().filter((delivery) => delivery.url === endpoint.url);
        expect(attempts.length).toBeGreaterThanOrEqual(2);
        expect(attempts.map((delivery) => delivery.status)).toEqual(attempts.map(() => 200));
        const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
        expect(stored.stripeAccountStatus).toBe('ACTIVE');
      } finally {
        stripe.webhooks.unregister(endpoint.url);
      }
    });

    it('refuses a configuration naming more than two secrets, or one twice', async () => {
      for (const secrets of [`${NEW_SECRET},${OLD_SECRET},whsec_third`, `${NEW_SECRET},${NEW_SECRET}`]) {
        await expect(startTestApi({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: secrets })).rejects.toThrow(
          /STRIPE_WEBHOOK_SECRET/,
        );
      }
    });
  });

  it('ignores, and acknowledges, an event of the other mode than the key, without reading the account', async () => {
    const api = await startTestApi({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: NEW_SECRET });
    const endpoint = registerConnectEndpoint(stripe, api, NEW_SECRET);
    try {
      const creator = await onboardedCreator(api, stripe);
      stripe.webhooks.unregister(endpoint.url);
      stripe.accounts.setState(creator.stripeAccountId, 'past_due');
      stripe.requests.clear();
      const live = signedAccountEvent(creator.stripeAccountId, [NEW_SECRET], { livemode: true });
      const { status, body } = await deliver(api, live);
      expect([status, body.data?.outcome]).toEqual([200, 'IGNORED']);
      expect(stripe.requests.list()).toEqual([]);
      const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      expect(stored.stripeAccountStatus).toBe('ACTIVE');

      // The same event in the key's mode is applied: it is the mode, not the event, that was refused.
      const test = signedAccountEvent(creator.stripeAccountId, [NEW_SECRET]);
      expect((await deliver(api, test)).body.data?.outcome).toBe('APPLIED');
      const applied = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      expect(applied.stripeAccountStatus).toBe('RESTRICTED');
    } finally {
      stripe.webhooks.unregister(endpoint.url);
      await api.close();
    }
  });
});
