import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@biore/database';
import { type StripeEmulator, stripeSignatureHeader } from '@biore/stripe-emulator';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { accessTokenFor, createActiveCreator, createUser, uniqueAccountId } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTestStripe } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const WEBHOOK = '/api/v1/webhooks/stripe';
const WEBHOOK_SECRET = 'whsec_test_multi_instance_0123456789';
const LIMIT = 10;

const why = process.env.REDIS_URL
  ? ''
  : ' [skipped: REDIS_URL is unset; instances share limits only through Redis, and CI sets it]';

/** Two built servers (`node dist/server.mjs`) on one PostgreSQL and one Redis, as behind a load balancer. */
describeWithRedis(`two API processes on one PostgreSQL and Redis${why}`, () => {
  let stripe: StripeEmulator;
  let fixtures: PrismaClient;
  let instances: [ApiProcess, ApiProcess];

  beforeAll(async () => {
    const testStripe = await startTestStripe();
    stripe = testStripe.emulator;
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    // One deployment: one key prefix, one webhook secret.
    const shared = {
      ...testStripe.env,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    const [a, b] = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
    instances = [a, b];
  });

  afterAll(async () => {
    await Promise.all((instances ?? []).map((api) => api.stop()));
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  it('50 simultaneous dashboard-link calls of one user, split across both → exactly 10 × 200 and 40 × 429', async () => {
    const { token } = await createActiveCreator(fixtures, stripe);
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const api = instances[i % 2] as ApiProcess;
        const response = await fetch(api.origin + ROUTE, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        return { instance: i % 2, status: response.status };
      }),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50 - LIMIT);
    // Each instance answered 25 and let through at most what is left of the shared 10: counted per instance,
    // each would have let 10 through.
    for (const instance of [0, 1]) {
      const own = answers.filter((answer) => answer.instance === instance);
      expect(own.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(25 - LIMIT);
    }
  });

  describe('a Stripe event delivered to both instances is recorded once', () => {
    /** A PENDING creator whose Express account Stripe holds, unfinished. */
    async function pendingCreator() {
      const stripeAccountId = uniqueAccountId();
      stripe.accounts.seed({ id: stripeAccountId, type: 'express', details_submitted: false });
      const user = await createUser(fixtures, { stripeAccountId, stripeAccountStatus: 'PENDING' });
      return { ...user, stripeAccountId, token: accessTokenFor(user.id) };
    }

    const storedEvents = (id: string) => fixtures.stripeWebhookEvent.findMany({ where: { id } });
    const statusOf = async (userId: string) =>
      (await fixtures.creatorProfile.findUniqueOrThrow({ where: { userId } })).stripeAccountStatus;

    it('same event POSTed to both at once, three times each → all 200, one stripe_webhook_events row', async () => {
      const creator = await pendingCreator();
      // No endpoint registered yet: the emulator records the event without delivering it; we deliver it.
      const event = stripe.accounts.update(creator.stripeAccountId, 'complete');
      const payload = JSON.stringify(event);
      const deliveries = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const response = await fetch((instances[i % 2] as ApiProcess).origin + WEBHOOK, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'stripe-signature': stripeSignatureHeader(
                payload,
                WEBHOOK_SECRET,
                Math.floor(Date.now() / 1_000),
              ),
            },
            body: payload,
          });
          return { status: response.status, outcome: (await readEnvelope(response)).data?.outcome };
        }),
      );
      expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(6).fill(200));
      // Deliveries racing before the first is recorded may each read the account (reads converge: STALE when a
      // newer read was stored first); once recorded, the event is acknowledged as DUPLICATE without work.
      const outcomes = deliveries.map((delivery) => delivery.outcome);
      for (const outcome of outcomes) expect(['APPLIED', 'STALE', 'DUPLICATE']).toContain(outcome);
      expect(outcomes).toContain('APPLIED');
      const stored = await storedEvents(event.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.accountId).toBe(creator.stripeAccountId);
      expect(['APPLIED', 'STALE']).toContain(stored[0]?.outcome);
      expect(await statusOf(creator.id)).toBe('ACTIVE');
    });

    it("Stripe's own delivery to both endpoints, then a redelivery → one row, redeliveries acknowledged as DUPLICATE", async () => {
      const creator = await pendingCreator();
      for (const api of instances)
        stripe.webhooks.register({ url: api.origin + WEBHOOK, secret: WEBHOOK_SECRET });
      try {
        const event = stripe.accounts.update(creator.stripeAccountId, 'complete');
        await stripe.webhooks.idle();
        stripe.webhooks.redeliver(event.id);
        await stripe.webhooks.idle();
        const deliveries = stripe.webhooks.deliveries().filter((delivery) => delivery.eventId === event.id);
        expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
        expect(new Set(deliveries.map((delivery) => new URL(delivery.url).port)).size).toBe(2);
        expect(await storedEvents(event.id)).toHaveLength(1);
        expect(await statusOf(creator.id)).toBe('ACTIVE');
      } finally {
        for (const api of instances) stripe.webhooks.unregister(api.origin + WEBHOOK);
      }
    });
  });
});
