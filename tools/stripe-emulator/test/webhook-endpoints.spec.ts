/**
 * Webhook endpoints managed through Stripe's own API, as a platform (or its operator's script) manages them:
 * which events reach which endpoint, at which API version, in which mode; and the `Stripe-Version` every
 * answer carries.
 */
import Stripe from 'stripe';
import { DEFAULT_API_VERSION, type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { FAST_RETRIES, typesOf } from './support/harness.js';
import { callApi } from './support/http.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const DAHLIA = '2026-07-29.dahlia';

let emulator: StripeEmulator;
let stripe: Stripe;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  emulator = await startStripeEmulator({ webhookRetry: FAST_RETRIES });
  stripe = stripeClientFor(emulator);
});

afterAll(async () => {
  await emulator.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

afterEach(async () => {
  await emulator.webhooks.idle();
  for (const endpoint of await stripe.webhookEndpoints.list().autoPagingToArray({ limit: 100 })) {
    await stripe.webhookEndpoints.del(endpoint.id);
  }
});

/** A receiver, and an endpoint for it created through Stripe's API with the secret Stripe gave. */
async function endpointFor(params: Omit<Stripe.WebhookEndpointCreateParams, 'url'>) {
  const created = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:1/placeholder', ...params });
  const receiver = await startWebhookReceiver(created.secret);
  receivers.push(receiver);
  await stripe.webhookEndpoints.update(created.id, { url: receiver.endpoint.url });
  return { created, receiver };
}

async function enabledAccount() {
  const account = await stripe.accounts.create({ type: 'express' });
  emulator.accounts.setState(account.id, 'enabled');
  await emulator.webhooks.idle();
  return account.id;
}

describe('/v1/webhook_endpoints', () => {
  it('creates an endpoint, showing its secret only in that answer', async () => {
    const created = await stripe.webhookEndpoints.create({
      url: 'https://platform.example.com/webhooks/stripe',
      enabled_events: ['account.updated', 'payout.failed'],
      connect: true,
      description: 'Connect events',
      metadata: { owner: 'payouts' },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^we_/),
      object: 'webhook_endpoint',
      api_version: null,
      application: null,
      enabled_events: ['account.updated', 'payout.failed'],
      livemode: false,
      status: 'enabled',
      url: 'https://platform.example.com/webhooks/stripe',
      description: 'Connect events',
      metadata: { owner: 'payouts' },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9]{32}$/),
    });
    const retrieved = await stripe.webhookEndpoints.retrieve(created.id);
    expect(retrieved).not.toHaveProperty('secret');
    const listed = await stripe.webhookEndpoints.list();
    expect(listed.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
  });

  it('updates and deletes it', async () => {
    const { id } = await stripe.webhookEndpoints.create({
      url: 'https://a.example.com/hook',
      enabled_events: ['*'],
    });
    await expect(
      stripe.webhookEndpoints.update(id, {
        enabled_events: ['payout.paid'],
        disabled: true,
        url: 'https://b.example.com/hook',
      }),
    ).resolves.toMatchObject({
      enabled_events: ['payout.paid'],
      status: 'disabled',
      url: 'https://b.example.com/hook',
    });
    await expect(stripe.webhookEndpoints.del(id)).resolves.toEqual(
      expect.objectContaining({ id, object: 'webhook_endpoint', deleted: true }),
    );
    const gone = await captureStripeError(stripe.webhookEndpoints.retrieve(id));
    expect(gone).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: `No such webhook endpoint: '${id}'`,
    });
  });

  it.each([
    [{ enabled_events: ['*'] }, 'parameter_missing', 'url'],
    [{ url: 'https://a.example.com/hook' }, 'parameter_missing', 'enabled_events'],
    [{ url: 'not a url', enabled_events: ['*'] }, 'url_invalid', 'url'],
  ])('refuses %j', async (params, code, param) => {
    const error = await captureStripeError(
      stripe.webhookEndpoints.create(params as Stripe.WebhookEndpointCreateParams),
    );
    expect(error).toMatchObject({ statusCode: 400, code, param });
  });

  it('refuses event types and API versions that are not', async () => {
    const type = await captureStripeError(
      stripe.webhookEndpoints.create({
        url: 'https://a.example.com/hook',
        enabled_events: ['Account Updated' as '*'],
      }),
    );
    expect(type).toMatchObject({ statusCode: 400, param: 'enabled_events[0]' });
    const version = await captureStripeError(
      stripe.webhookEndpoints.create({
        url: 'https://a.example.com/hook',
        enabled_events: ['*'],
        api_version: 'latest' as Stripe.WebhookEndpointCreateParams.ApiVersion,
      }),
    );
    expect(version).toMatchObject({ statusCode: 400, param: 'api_version' });
  });
});

describe('which events an endpoint receives', () => {
  it("connect: true gets connected accounts' events (with account), connect: false the platform's own", async () => {
    const connect = await endpointFor({ enabled_events: ['*'], connect: true });
    const platform = await endpointFor({ enabled_events: ['*'] });
    const accountId = await enabledAccount();
    const platformPayout = emulator.payouts.create();
    emulator.payouts.pay(platformPayout.id);
    await emulator.webhooks.idle();

    const connectEvents = connect.receiver.verifiedEvents();
    expect(connectEvents.length).toBeGreaterThan(0);
    expect(connectEvents.every((event) => event.account === accountId)).toBe(true);
    expect(typesOf(platform.receiver.verifiedEvents())).toEqual(['payout.created', 'payout.paid']);
    expect(platform.receiver.verifiedEvents().every((event) => event.account === undefined)).toBe(true);
  });

  it('gets only its enabled_events, and pending_webhooks counts only the endpoints listening', async () => {
    const failures = await endpointFor({ enabled_events: ['payout.failed'], connect: true });
    const accountId = await enabledAccount();
    const payout = emulator.payouts.create({ account: accountId });
    const [failed] = emulator.payouts.fail(payout.id, 'could_not_process');
    expect(failed?.pending_webhooks).toBe(1);
    await emulator.webhooks.idle();
    expect(typesOf(failures.receiver.verifiedEvents())).toEqual(['payout.failed']);
    expect(emulator.events.get(failed?.id ?? '')?.pending_webhooks).toBe(0);
  });

  it('gets nothing while disabled', async () => {
    const { created, receiver } = await endpointFor({ enabled_events: ['*'], connect: true });
    await stripe.webhookEndpoints.update(created.id, { disabled: true });
    await enabledAccount();
    expect(receiver.received).toEqual([]);
  });
});

describe('API versions', () => {
  it("renders each delivery at the endpoint's api_version, the platform's default when it has none", async () => {
    const pinned = await endpointFor({
      enabled_events: ['account.updated'],
      connect: true,
      api_version: DAHLIA,
    });
    const unpinned = await endpointFor({ enabled_events: ['account.updated'], connect: true });
    const accountId = await enabledAccount();
    await stripe.accounts.reject(accountId, { reason: 'fraud_other' });
    await emulator.webhooks.idle();

    const rejection = (receiver: WebhookReceiver) => {
      const event = receiver.verifiedEvents().at(-1);
      return event?.type === 'account.updated'
        ? [event.api_version, event.data.object.requirements?.disabled_reason]
        : [];
    };
    expect(rejection(pinned.receiver)).toEqual([DAHLIA, 'rejected.fraud']);
    expect(rejection(unpinned.receiver)).toEqual([DEFAULT_API_VERSION, 'rejected.platform_fraud']);
  });

  it('answers with Stripe-Version on every answer: the one requested, or the default the SDK pins', async () => {
    expect(DEFAULT_API_VERSION).toBe(Stripe.API_VERSION);
    const account = await stripe.accounts.create({ type: 'express' });
    expect(account.lastResponse.headers['stripe-version']).toBe(Stripe.API_VERSION);
    const pinned = await stripeClientFor(emulator, {
      apiVersion: DAHLIA as Stripe.LatestApiVersion,
    }).accounts.retrieve(account.id);
    expect(pinned.lastResponse.headers['stripe-version']).toBe(DAHLIA);

    const refused = await callApi(emulator, 'GET', '/v1/accounts/acct_1Whatever', { apiKey: null });
    expect(refused.headers.get('stripe-version')).toBe(DEFAULT_API_VERSION);
    const invalid = await callApi(emulator, 'GET', `/v1/accounts/${account.id}`, {
      headers: { 'Stripe-Version': 'yesterday' },
    });
    expect(invalid).toMatchObject({
      status: 400,
      body: { error: { message: 'Invalid Stripe API version: yesterday' } },
    });
  });

  it('records events at the platform version, and lists them as recorded whatever the request asks', async () => {
    const older = await startStripeEmulator({
      apiVersion: DAHLIA,
      seed: { accounts: [{ id: 'acct_1OlderPlatform0' }] },
    });
    try {
      const [event] = older.accounts.setState('acct_1OlderPlatform0', 'rejected.platform_other');
      const listed = await stripeClientFor(older).events.retrieve(
        event?.id ?? '',
        {},
        {
          stripeAccount: 'acct_1OlderPlatform0',
        },
      );
      expect(listed.api_version).toBe(DAHLIA);
      expect(JSON.stringify(listed)).toContain('"rejected.other"');
    } finally {
      await older.close();
    }
  });
});

describe('livemode', () => {
  it('is false with test keys and true with live keys, on events, endpoints and payouts', async () => {
    const live = await startStripeEmulator({
      secretKey: 'sk_live_fake',
      seed: { accounts: [{ id: 'acct_1LiveAccount0000' }] },
    });
    try {
      const liveStripe = stripeClientFor(live);
      const endpoint = await liveStripe.webhookEndpoints.create({
        url: 'https://a.example.com/hook',
        enabled_events: ['*'],
      });
      const payout = live.payouts.create({ account: 'acct_1LiveAccount0000' });
      const [event] = live.payouts.pay(payout.id);
      expect([endpoint.livemode, payout.livemode, event?.livemode]).toEqual([true, true, true]);
      const testPayout = emulator.payouts.create();
      expect(testPayout.livemode).toBe(false);
      expect(emulator.payouts.pay(testPayout.id)[0]?.livemode).toBe(false);
    } finally {
      await live.close();
    }
  });
});
