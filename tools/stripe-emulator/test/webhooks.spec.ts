/** `account.updated` events and their delivery to webhook endpoints, checked with the official SDK. */
import Stripe from 'stripe';
import { type StripeEmulator, startStripeEmulator, stripeSignatureHeader } from '../src/index.js';
import { callControl } from './support/http.js';
import { schemaViolations } from './support/openapi-validator.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const ACCOUNT = 'acct_1WebhookAccount01';
const OTHER_ACCOUNT = 'acct_1WebhookAccount02';
const RETRY = { attempts: 3, initialDelayMs: 40 };

let emulator: StripeEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startStripeEmulator({
    seed: {
      accounts: [
        { id: ACCOUNT, type: 'express', details_submitted: false },
        { id: OTHER_ACCOUNT, type: 'express' },
      ],
    },
    webhookEndpoints: [receiver.endpoint],
    webhookRetry: RETRY,
  });
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

afterEach(async () => {
  emulator.webhooks.resume();
  await emulator.webhooks.idle();
  receiver.received.length = 0;
});

const receivedEventIds = () => receiver.verifiedEvents().map((event) => event.id);

describe('account.updated', () => {
  it('is sent as Stripe sends it: JSON, signed so that stripe.webhooks.constructEvent accepts it', async () => {
    const emitted = emulator.accounts.update(ACCOUNT, 'complete');
    await emulator.webhooks.idle();

    const [delivery] = receiver.received;
    expect(delivery?.contentType).toBe('application/json; charset=utf-8');
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const [event] = receiver.verifiedEvents();
    expect(event).toEqual(JSON.parse(delivery?.rawBody ?? ''));
    expect(event).toMatchObject({
      id: emitted.id,
      object: 'event',
      type: 'account.updated',
      account: ACCOUNT,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: {
        object: { id: ACCOUNT, details_submitted: true, charges_enabled: true, payouts_enabled: true },
        previous_attributes: { details_submitted: false, charges_enabled: false, payouts_enabled: false },
      },
    });
    expect(schemaViolations('event', event)).toEqual([]);
    expect(schemaViolations('account', event?.data.object)).toEqual([]);
    expect(emulator.events.get(emitted.id)?.pending_webhooks).toBe(0);
  });

  it('fails verification with another secret or a tampered body', async () => {
    emulator.accounts.update(OTHER_ACCOUNT, { email: 'tampered@example.com' });
    await emulator.webhooks.idle();
    const [{ rawBody, signature } = { rawBody: '', signature: '' }] = receiver.received;
    const sdk = new Stripe('sk_test_unused');
    expect(() => sdk.webhooks.constructEvent(rawBody, signature, 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const tampered = rawBody.replace('tampered', 'tempered');
    expect(() => sdk.webhooks.constructEvent(tampered, signature, receiver.endpoint.secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('carries the previous value of the top-level fields that changed, and only those', () => {
    const event = emulator.accounts.update(OTHER_ACCOUNT, {
      business_profile: { name: 'Renamed Creator' },
      metadata: { tier: 'gold' },
    });
    expect(Object.keys(event.data.previous_attributes).sort()).toEqual(['business_profile', 'metadata']);
    expect(event.data.previous_attributes.business_profile).toMatchObject({ name: null, url: null });
    expect(event.data.object.business_profile).toMatchObject({ name: 'Renamed Creator', url: null });
    expect(emulator.accounts.get(OTHER_ACCOUNT)?.metadata).toEqual({ tier: 'gold' });
  });

  it('refuses an unknown account or change', () => {
    expect(() => emulator.accounts.update('acct_1NoSuchAccount00', 'complete')).toThrow('No such account');
    expect(() => emulator.accounts.update(ACCOUNT, 'approve' as never)).toThrow('must be one of');
  });
});

describe('retries', () => {
  it('retries non-2xx answers with exponential backoff, re-signing every attempt', async () => {
    receiver.answerWith(500, 500);
    const event = emulator.accounts.update(ACCOUNT, 'restrict');
    await emulator.webhooks.idle();

    expect(receivedEventIds()).toEqual([event.id, event.id, event.id]);
    expect(
      emulator.webhooks
        .deliveries()
        .filter((delivery) => delivery.eventId === event.id)
        .map(({ attempt, status }) => ({ attempt, status })),
    ).toEqual([
      { attempt: 1, status: 500 },
      { attempt: 2, status: 500 },
      { attempt: 3, status: 200 },
    ]);
    const [first, second, third] = receiver.received.map((delivery) => delivery.receivedAt);
    const gaps = [(second ?? 0) - (first ?? 0), (third ?? 0) - (second ?? 0)];
    // Timers never fire early, so the doubled second wait shows even on a slow machine.
    expect(gaps[0]).toBeGreaterThanOrEqual(RETRY.initialDelayMs - 5);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * RETRY.initialDelayMs - 5);
  });

  it('signs each attempt with the time it is sent', async () => {
    let now = Date.now();
    const secondsApart = await startStripeEmulator({
      now: () => now,
      seed: { accounts: [{ id: ACCOUNT }] },
      webhookEndpoints: [receiver.endpoint],
      webhookRetry: { attempts: 2, initialDelayMs: 150 },
    });
    try {
      receiver.answerWith(503);
      secondsApart.accounts.update(ACCOUNT, 'disable');
      await receiver.arrivals(1);
      now += 7_000;
      await secondsApart.webhooks.idle();
      const timestamps = receiver.received.map(({ signature }) => Number(/^t=(\d+)/.exec(signature)?.[1]));
      expect(timestamps[1]).toBe((timestamps[0] ?? 0) + 7);
      expect(receiver.verifiedEvents()).toHaveLength(2);
    } finally {
      await secondsApart.close();
    }
  });

  it('retries connection failures, recording why they failed, and gives up after the last attempt', async () => {
    const silent = await startWebhookReceiver();
    await silent.close();
    emulator.webhooks.register(silent.endpoint);
    try {
      const event = emulator.accounts.update(OTHER_ACCOUNT, { email: 'unreachable@example.com' });
      await emulator.webhooks.idle();
      const failed = emulator.webhooks
        .deliveries()
        .filter((delivery) => delivery.url === silent.endpoint.url);
      expect(failed).toEqual(
        [1, 2, 3].map((attempt) => ({
          eventId: event.id,
          url: silent.endpoint.url,
          attempt,
          status: null,
          error: expect.stringContaining('ECONNREFUSED'),
          at: expect.any(Number),
        })),
      );
      expect(emulator.events.get(event.id)?.pending_webhooks).toBe(1);
    } finally {
      emulator.webhooks.unregister(silent.endpoint.url);
    }
  });
});

describe('test controls', () => {
  it('holds deliveries while paused and releases them in reverse order', async () => {
    emulator.webhooks.pause();
    const events = (['incomplete', 'complete', 'restrict'] as const).map(
      (change) => emulator.accounts.update(ACCOUNT, change).id,
    );
    await emulator.webhooks.idle();
    expect(receiver.received).toEqual([]);

    emulator.webhooks.resume({ order: 'reverse' });
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([...events].reverse());
  });

  it('releases held deliveries twice each with duplicate', async () => {
    emulator.webhooks.pause();
    const first = emulator.accounts.update(ACCOUNT, 'incomplete').id;
    const second = emulator.accounts.update(ACCOUNT, 'complete').id;
    emulator.webhooks.resume({ duplicate: true });
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([first, first, second, second]);
  });

  it('redelivers an event that was already delivered', async () => {
    const event = emulator.accounts.update(OTHER_ACCOUNT, { email: 'again@example.com' });
    await emulator.webhooks.idle();
    emulator.webhooks.redeliver(event.id);
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([event.id, event.id]);
    expect(() => emulator.webhooks.redeliver('evt_1NoSuchEvent')).toThrow('No such event');
  });

  it('stops sending to an endpoint once unregistered', async () => {
    expect(emulator.webhooks.unregister(receiver.endpoint.url)).toBe(true);
    try {
      const event = emulator.accounts.update(OTHER_ACCOUNT, { email: 'nobody@example.com' });
      await emulator.webhooks.idle();
      expect(receiver.received).toEqual([]);
      expect(emulator.events.get(event.id)?.pending_webhooks).toBe(0);
    } finally {
      emulator.webhooks.register(receiver.endpoint);
    }
    expect(emulator.webhooks.unregister('http://127.0.0.1:1/none')).toBe(false);
  });

  it('rejects endpoints that are not http(s) URLs with a secret', () => {
    expect(() => emulator.webhooks.register({ url: 'ftp://example.com', secret: 'whsec_x' })).toThrow(
      '`url`',
    );
    expect(() => emulator.webhooks.register({ url: 'http://example.com', secret: '' })).toThrow('`secret`');
  });
});

describe('signing', () => {
  it("matches Stripe's own test header generator", () => {
    const payload = '{"id":"evt_1"}';
    const sdk = new Stripe('sk_test_unused');
    const expected = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: 'whsec_abc',
      timestamp: 1_700_000_000,
    });
    expect(stripeSignatureHeader(payload, 'whsec_abc', 1_700_000_000)).toBe(expected);
  });
});

describe('control routes', () => {
  it('drive endpoints, pauses, account changes, redeliveries and the delivery log over HTTP', async () => {
    const second = await startWebhookReceiver('whsec_second');
    try {
      expect(await callControl(emulator, 'POST', 'webhook-endpoints', second.endpoint)).toMatchObject({
        status: 201,
        body: second.endpoint,
      });
      expect((await callControl(emulator, 'GET', 'webhook-endpoints')).body).toEqual({
        data: [receiver.endpoint, second.endpoint],
      });
      expect((await callControl(emulator, 'POST', 'webhooks/pause')).status).toBe(204);
      const updates: string[] = [];
      for (const change of ['complete', { email: 'http@example.com' }]) {
        const update = await callControl(emulator, 'POST', `accounts/${ACCOUNT}/update`, { change });
        expect(update).toMatchObject({ status: 200, body: { object: 'event', type: 'account.updated' } });
        updates.push((update.body as { id: string }).id);
      }
      expect(
        (await callControl(emulator, 'POST', 'webhooks/resume', { order: 'reverse', duplicate: true }))
          .status,
      ).toBe(204);
      expect((await callControl(emulator, 'GET', 'webhooks/idle')).status).toBe(204);
      expect(second.verifiedEvents().map((event) => event.id)).toEqual([
        updates[1],
        updates[1],
        updates[0],
        updates[0],
      ]);

      expect((await callControl(emulator, 'POST', `webhooks/redeliver/${updates[0]}`)).status).toBe(202);
      await callControl(emulator, 'GET', 'webhooks/idle');
      const { body } = await callControl(emulator, 'GET', 'webhooks/deliveries');
      expect((body as { data: unknown[] }).data).toContainEqual({
        eventId: updates[0],
        url: second.endpoint.url,
        attempt: 1,
        status: 200,
        at: expect.any(Number),
      });
      expect(second.received).toHaveLength(5);

      const removal = await callControl(emulator, 'DELETE', 'webhook-endpoints', {
        url: second.endpoint.url,
      });
      expect(removal.status).toBe(204);
      expect((await callControl(emulator, 'GET', 'webhook-endpoints')).body).toEqual({
        data: [receiver.endpoint],
      });
    } finally {
      await second.close();
    }
  });

  it('removes every endpoint when DELETE has no body', async () => {
    expect((await callControl(emulator, 'DELETE', 'webhook-endpoints')).status).toBe(204);
    expect(emulator.webhooks.endpoints()).toEqual([]);
    emulator.webhooks.register(receiver.endpoint);
  });

  it.each([
    ['an endpoint without a secret', 'POST', 'webhook-endpoints', { url: 'http://127.0.0.1:1/' }, 400],
    ['an unknown endpoint', 'DELETE', 'webhook-endpoints', { url: 'http://127.0.0.1:1/' }, 404],
    ['an unknown change', 'POST', `accounts/${ACCOUNT}/update`, { change: 'approve' }, 400],
    ['a missing change', 'POST', `accounts/${ACCOUNT}/update`, {}, 400],
    ['an unknown account', 'POST', 'accounts/acct_1NoSuchAccount00/update', { change: 'complete' }, 404],
    ['an unknown event', 'POST', 'webhooks/redeliver/evt_1NoSuchEvent', undefined, 404],
    ['an invalid order', 'POST', 'webhooks/resume', { order: 'random' }, 400],
  ])('refuses %s', async (_name, method, path, json, status) => {
    const response = await callControl(emulator, method, path, json);
    expect(response).toMatchObject({ status, body: { error: { message: expect.any(String) } } });
  });
});
