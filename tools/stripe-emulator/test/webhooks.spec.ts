/** Delivery of events to webhook endpoints, checked with the official SDK, and the test controls around it. */
import Stripe from 'stripe';
import {
  STRIPE_RETRY_SCHEDULES,
  type StripeEmulator,
  startStripeEmulator,
  stripeSignatureHeader,
} from '../src/index.js';
import { retryDelaysMs } from '../src/webhooks.js';
import { FAST_RETRIES, onlyEvent } from './support/harness.js';
import { callControl } from './support/http.js';
import { schemaViolations } from './support/openapi-validator.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const ACCOUNT = 'acct_1WebhookAccount01';
const OTHER_ACCOUNT = 'acct_1WebhookAccount02';

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
    webhookRetry: FAST_RETRIES,
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
/** A change that sends exactly one event (`account.updated`), for tests about delivery itself. */
const renameAccount = (name: string) =>
  emulator.accounts.update(OTHER_ACCOUNT, { business_profile: { name } });

describe('delivery', () => {
  it('is sent as Stripe sends it: JSON, signed so that stripe.webhooks.constructEvent accepts it', async () => {
    const events = emulator.accounts.setState(ACCOUNT, 'enabled');
    await emulator.webhooks.idle();

    expect(receivedEventIds()).toEqual(events.map((event) => event.id));
    const updated = onlyEvent(events, 'account.updated');
    const delivery = receiver.received[events.indexOf(updated)];
    expect(delivery?.contentType).toBe('application/json; charset=utf-8');
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = receiver.verifiedEvents()[events.indexOf(updated)];
    expect(event).toEqual(JSON.parse(delivery?.rawBody ?? ''));
    expect(event).toMatchObject({
      id: updated.id,
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
    expect(emulator.events.get(updated.id)?.pending_webhooks).toBe(0);
  });

  it('fails verification with another secret or a tampered body', async () => {
    renameAccount('Tampered Creator');
    await emulator.webhooks.idle();
    const [{ rawBody, signature } = { rawBody: '', signature: '' }] = receiver.received;
    const sdk = new Stripe('sk_test_unused');
    expect(() => sdk.webhooks.constructEvent(rawBody, signature, 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const tampered = rawBody.replace('Tampered', 'Tempered');
    expect(tampered).not.toBe(rawBody);
    expect(() => sdk.webhooks.constructEvent(tampered, signature, receiver.endpoint.secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('carries the previous value of the top-level fields that changed, and only those', () => {
    const event = emulator.accounts.update(OTHER_ACCOUNT, {
      business_profile: { name: 'Renamed Creator' },
      metadata: { tier: 'gold' },
    });
    expect(Object.keys(event.data.previous_attributes ?? {}).sort()).toEqual([
      'business_profile',
      'metadata',
    ]);
    expect(event.data.previous_attributes?.business_profile).toMatchObject({ url: null });
    expect(event.data.object.business_profile).toMatchObject({ name: 'Renamed Creator', url: null });
    expect(emulator.accounts.get(OTHER_ACCOUNT)?.metadata).toEqual({ tier: 'gold' });
  });

  it('refuses an unknown account or change, and a change that changes nothing', () => {
    expect(() => emulator.accounts.update('acct_1NoSuchAccount00', 'complete')).toThrow('No such account');
    expect(() => emulator.accounts.update(ACCOUNT, 'approve' as never)).toThrow('must be one of');
    const { metadata } = emulator.accounts.get(OTHER_ACCOUNT) ?? {};
    expect(() => emulator.accounts.update(OTHER_ACCOUNT, { metadata })).toThrow(
      'Stripe sends no account.updated',
    );
  });
});

describe('retries', () => {
  it("follow Stripe's schedules: three retries over a few hours in test mode, back-off for three days in live mode", () => {
    const hours = (ms: number) => ms / 3_600_000;
    const test = retryDelaysMs(STRIPE_RETRY_SCHEDULES.test).map(hours);
    expect(test).toEqual([0.5, 1, 2]);
    const live = retryDelaysMs(STRIPE_RETRY_SCHEDULES.live).map(hours);
    expect(live.every((delay, index) => index === 0 || delay === 2 * (live[index - 1] ?? 0))).toBe(true);
    const lastRetryAfter = live.reduce((sum, delay) => sum + delay, 0);
    expect(lastRetryAfter).toBeGreaterThan(48);
    expect(lastRetryAfter).toBeLessThanOrEqual(72);
  });

  it('retry non-2xx answers as often as the schedule says, re-signing every attempt', async () => {
    receiver.answerWith(500, 500);
    const event = renameAccount('Retried Creator');
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
  });

  it('sign each attempt with the time it is sent', async () => {
    let now = Date.now();
    const secondsApart = await startStripeEmulator({
      now: () => now,
      seed: { accounts: [{ id: ACCOUNT }] },
      webhookEndpoints: [receiver.endpoint],
      webhookRetry: { attempts: 2, initialDelayMs: 150 },
    });
    try {
      receiver.answerWith(503);
      secondsApart.accounts.update(ACCOUNT, { email: 'signed@example.com' });
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

  it('retry connection failures, recording why they failed, and give up after the last attempt', async () => {
    const silent = await startWebhookReceiver();
    await silent.close();
    const endpoint = emulator.webhooks.register(silent.endpoint);
    try {
      const event = renameAccount('Unreachable Creator');
      await emulator.webhooks.idle();
      const failed = emulator.webhooks
        .deliveries()
        .filter((delivery) => delivery.url === silent.endpoint.url);
      expect(failed).toEqual(
        [1, 2, 3, 4].map((attempt) => ({
          eventId: event.id,
          endpointId: endpoint.id,
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

  it('stop once the endpoint is deleted, as Stripe stops', async () => {
    const later = await startWebhookReceiver('whsec_later');
    const endpoint = emulator.webhooks.register(later.endpoint);
    try {
      later.answerWith(500);
      emulator.webhooks.pause();
      const event = renameAccount('Deleted Endpoint Creator');
      emulator.webhooks.resume();
      await later.arrivals(1);
      emulator.webhooks.unregister(later.endpoint.url);
      await emulator.webhooks.idle();
      expect(later.received).toHaveLength(1);
      expect(
        emulator.webhooks.deliveries().filter((delivery) => delivery.endpointId === endpoint.id),
      ).toEqual([expect.objectContaining({ eventId: event.id, attempt: 1, status: 500 })]);
    } finally {
      await later.close();
    }
  });
});

describe('test controls', () => {
  it('hold deliveries while paused and release them in reverse order', async () => {
    emulator.webhooks.pause();
    const events = ['First', 'Second', 'Third'].map((name) => renameAccount(name).id);
    await emulator.webhooks.idle();
    expect(receiver.received).toEqual([]);

    emulator.webhooks.resume({ order: 'reverse' });
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([...events].reverse());
  });

  it('release held deliveries twice each with duplicate', async () => {
    emulator.webhooks.pause();
    const first = renameAccount('Once').id;
    const second = renameAccount('Twice').id;
    emulator.webhooks.resume({ duplicate: true });
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([first, first, second, second]);
  });

  it('redeliver an event that was already delivered', async () => {
    const event = renameAccount('Again');
    await emulator.webhooks.idle();
    emulator.webhooks.redeliver(event.id);
    await emulator.webhooks.idle();
    expect(receivedEventIds()).toEqual([event.id, event.id]);
    expect(() => emulator.webhooks.redeliver('evt_1NoSuchEvent')).toThrow('No such event');
  });

  it('stop sending to an endpoint once unregistered', async () => {
    expect(emulator.webhooks.unregister(receiver.endpoint.url)).toBe(true);
    try {
      const event = renameAccount('Nobody');
      await emulator.webhooks.idle();
      expect(receiver.received).toEqual([]);
      expect(emulator.events.get(event.id)?.pending_webhooks).toBe(0);
    } finally {
      emulator.webhooks.register(receiver.endpoint);
    }
    expect(emulator.webhooks.unregister('http://127.0.0.1:1/none')).toBe(false);
  });

  it('refuse endpoints that are not http(s) URLs, or with an empty secret', () => {
    expect(() => emulator.webhooks.register({ url: 'ftp://example.com', secret: 'whsec_x' })).toThrow(
      '`url`',
    );
    expect(() => emulator.webhooks.register({ url: 'http://example.com', secret: '' })).toThrow('`secret`');
  });

  it('roll a secret: both secrets sign until the old one expires, as Stripe does while rotating', async () => {
    let now = Date.now();
    const rolling = await startStripeEmulator({
      now: () => now,
      seed: { accounts: [{ id: ACCOUNT }] },
      webhookEndpoints: [receiver.endpoint],
    });
    try {
      const rolled = rolling.webhooks.rollSecret(receiver.endpoint.url, { expiresInSeconds: 60 });
      expect(rolled.secret).not.toBe(receiver.endpoint.secret);
      rolling.accounts.update(ACCOUNT, { email: 'during@example.com' });
      await rolling.webhooks.idle();
      now += 61_000;
      rolling.accounts.update(ACCOUNT, { email: 'after@example.com' });
      await rolling.webhooks.idle();

      const sdk = new Stripe('sk_test_unused');
      const [during, after] = receiver.received;
      for (const secret of [receiver.endpoint.secret, rolled.secret]) {
        expect(
          sdk.webhooks.constructEvent(during?.rawBody ?? '', during?.signature ?? '', secret),
        ).toBeDefined();
      }
      expect(after?.signature.match(/v1=/g)).toHaveLength(1);
      expect(() =>
        sdk.webhooks.constructEvent(after?.rawBody ?? '', after?.signature ?? '', receiver.endpoint.secret),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    } finally {
      await rolling.close();
    }
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
      const created = await callControl(emulator, 'POST', 'webhook-endpoints', second.endpoint);
      expect(created).toMatchObject({
        status: 201,
        body: { ...second.endpoint, object: 'webhook_endpoint' },
      });
      const { body: listed } = await callControl(emulator, 'GET', 'webhook-endpoints');
      expect((listed as { data: { url: string }[] }).data.map(({ url }) => url)).toEqual([
        receiver.endpoint.url,
        second.endpoint.url,
      ]);
      expect((await callControl(emulator, 'POST', 'webhooks/pause')).status).toBe(204);
      const updates: string[] = [];
      for (const change of [{ email: 'http@example.com' }, { email: 'http2@example.com' }]) {
        const update = await callControl(emulator, 'POST', `accounts/${OTHER_ACCOUNT}/update`, { change });
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
        endpointId: (created.body as { id: string }).id,
        url: second.endpoint.url,
        attempt: 1,
        status: 200,
        at: expect.any(Number),
      });
      expect(second.received).toHaveLength(5);

      const rolled = await callControl(emulator, 'POST', 'webhook-endpoints/roll-secret', {
        endpoint: second.endpoint.url,
      });
      expect(rolled).toMatchObject({ status: 200, body: { url: second.endpoint.url, secret: /^whsec_/ } });

      const removal = await callControl(emulator, 'DELETE', 'webhook-endpoints', {
        url: second.endpoint.url,
      });
      expect(removal.status).toBe(204);
      expect(emulator.webhooks.endpoints().map(({ url }) => url)).toEqual([receiver.endpoint.url]);
    } finally {
      await second.close();
    }
  });

  it('remove every endpoint when DELETE has no body', async () => {
    expect((await callControl(emulator, 'DELETE', 'webhook-endpoints')).status).toBe(204);
    expect(emulator.webhooks.endpoints()).toEqual([]);
    emulator.webhooks.register(receiver.endpoint);
  });

  it.each([
    ['an endpoint that is not a URL', 'POST', 'webhook-endpoints', { url: 'not a url' }, 400],
    ['an unknown endpoint', 'DELETE', 'webhook-endpoints', { url: 'http://127.0.0.1:1/' }, 404],
    ['rolling an unknown endpoint', 'POST', 'webhook-endpoints/roll-secret', { endpoint: 'we_1None' }, 400],
    ['an unknown change', 'POST', `accounts/${ACCOUNT}/update`, { change: 'approve' }, 400],
    ['a missing change', 'POST', `accounts/${ACCOUNT}/update`, {}, 400],
    ['an unknown account', 'POST', 'accounts/acct_1NoSuchAccount00/update', { change: 'complete' }, 404],
    ['an unknown event', 'POST', 'webhooks/redeliver/evt_1NoSuchEvent', undefined, 404],
    ['an invalid order', 'POST', 'webhooks/resume', { order: 'random' }, 400],
  ])('refuse %s', async (_name, method, path, json, status) => {
    const response = await callControl(emulator, method, path, json);
    expect(response).toMatchObject({ status, body: { error: { message: expect.any(String) } } });
  });
});
