import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createActiveCreator } from '../support/fixtures.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTestStripe } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const WEBHOOK_SECRET = 'whsec_test_load_0123456789abcdef';
const USERS = 250;
const CALLS_PER_USER = 13; // 3 over the limit of 10, so every user is refused exactly 3 times
const CONCURRENCY = 64;
const ACCOUNT_UPDATES = 40;

const why = process.env.REDIS_URL
  ? ''
  : ' [skipped: REDIS_URL is unset; two instances share limits only through Redis]';

/**
 * Several thousand requests (bounded: USERS × CALLS_PER_USER, loopback only) across many users on two built
 * servers sharing PostgreSQL and Redis, while Stripe sends account updates to both: correctness under load, not
 * speed (bench/ measures that).
 */
describeWithRedis(`load on two instances${why}`, () => {
  let stripe: StripeEmulator;
  let fixtures: PrismaClient;
  let instances: ApiProcess[];

  beforeAll(async () => {
    const testStripe = await startTestStripe({ webhookRetry: { attempts: 5, initialDelayMs: 50 } });
    stripe = testStripe.emulator;
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    const shared = {
      ...testStripe.env,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LOG_LEVEL: 'warn',
    };
    instances = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
    for (const api of instances)
      stripe.webhooks.register({ url: `${api.origin}/api/v1/webhooks/stripe`, secret: WEBHOOK_SECRET });
  }, 60_000);

  afterAll(async () => {
    await Promise.all((instances ?? []).map((api) => api.stop()));
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  it('answers every request without a 5xx, refuses exactly the calls over each user’s limit, and loses no webhook update', async () => {
    const creators = [];
    for (let i = 0; i < USERS; i++) creators.push(await createActiveCreator(fixtures, stripe));
    const calls = creators.flatMap((creator) => Array.from({ length: CALLS_PER_USER }, () => creator));
    const statusesByUser = new Map<string, number[]>();
    let next = 0;
    const startedAt = Date.now();

    const updated = creators.slice(0, ACCOUNT_UPDATES);
    const updates = (async () => {
      for (const creator of updated) {
        stripe.accounts.update(creator.stripeAccountId, 'restrict');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (next < calls.length) {
          const creator = calls[next++];
          if (!creator) break;
          const api = instances[worker % 2] as ApiProcess;
          const response = await fetch(api.origin + ROUTE, {
            method: 'POST',
            headers: { authorization: `Bearer ${creator.token}` },
          });
          await response.arrayBuffer();
          statusesByUser.set(creator.id, [...(statusesByUser.get(creator.id) ?? []), response.status]);
        }
      }),
    );
    await updates;
    await stripe.webhooks.idle();
    const elapsedMs = Date.now() - startedAt;

    const all = [...statusesByUser.values()].flat();
    console.log(
      `load: ${all.length} requests over 2 instances in ${elapsedMs} ms (${Math.round((all.length * 1000) / elapsedMs)} req/s), ${ACCOUNT_UPDATES} account updates`,
    );
    expect(all).toHaveLength(USERS * CALLS_PER_USER);
    expect(all.filter((status) => status >= 500)).toEqual([]);
    for (const statuses of statusesByUser.values()) {
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(CALLS_PER_USER - 10);
    }
    const restricted = await fixtures.creatorProfile.count({
      where: { userId: { in: updated.map((creator) => creator.id) }, stripeAccountStatus: 'RESTRICTED' },
    });
    expect(restricted).toBe(ACCOUNT_UPDATES);
    const failedDeliveries = stripe.webhooks.deliveries().filter((delivery) => delivery.status !== 200);
    expect(failedDeliveries).toEqual([]);
  }, 180_000);
});
