import { createPrismaClient, type PrismaClient } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, type LogLine, startApiProcess } from '../support/api-process.js';
import { createActiveCreator } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestStripe } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const LIMIT = 10;

/**
 * The built server (`node dist/server.mjs`) with PostgreSQL or Redis behind a TCP proxy the test controls: what each
 * outage does to requests and readiness, and that the process recovers by itself once the dependency is back.
 */
describe('resilience to dependency outages', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;
  let fixtures: PrismaClient;

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
  });

  afterAll(async () => {
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  /** Status, error code and how long the answer took. */
  async function timed(request: () => Promise<Response>) {
    const startedAt = Date.now();
    const response = await request();
    const { error } = await readEnvelope(response);
    return {
      status: response.status,
      code: error?.code,
      details: error?.details,
      retryAfter: response.headers.get('retry-after'),
      ms: Date.now() - startedAt,
    };
  }

  // A hung answer fails the test here, with its own message, rather than at the test's timeout.
  const HUNG_MS = 12_000;
  const dashboardLink = (api: ApiProcess, token: string) =>
    timed(() =>
      fetch(api.origin + ROUTE, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(HUNG_MS),
      }),
    );
  const ready = (api: ApiProcess) =>
    timed(() => fetch(`${api.origin}/health/ready`, { signal: AbortSignal.timeout(HUNG_MS) }));

  /** Polls until `check` holds, for at most `withinMs`; bounded, and says what it last saw. */
  async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, withinMs: number) {
    const giveUpAt = Date.now() + withinMs;
    let last: T = await probe();
    while (!check(last) && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await probe();
    }
    return last;
  }

  function targetOf(url: string) {
    const { hostname, port } = new URL(url);
    return { host: hostname, port: Number(port) };
  }

  describe('PostgreSQL unreachable: 503 common.service_unavailable within the timeouts, then recovery', () => {
    // Small timeouts, so every wait on the database is bounded well below the test's own timeout.
    const QUERY_TIMEOUT_MS = 1_000;
    const CONNECT_TIMEOUT_MS = 1_000;
    // A request makes one query; it waits at most one connect and one query timeout, plus a loaded machine.
    const REQUEST_BOUND_MS = QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 1_500;
    // Readiness caps each probe at 2 s.
    const READY_BOUND_MS = 5_000;
    let proxy: TcpProxy;
    let api: ApiProcess;

    beforeAll(async () => {
      const url = process.env.DATABASE_URL ?? '';
      proxy = await startTcpProxy({ ...targetOf(url), port: targetOf(url).port || 5432 });
      api = await startApiProcess({
        ...stripeEnv,
        DATABASE_URL: proxy.url(url),
        DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      });
    });

    afterAll(async () => {
      await api?.stop('SIGKILL');
      await proxy?.close();
    });

    it.each([
      ['refused', () => proxy.refuse()],
      ['blackholed', () => proxy.blackhole()],
    ])(
      '%s → dashboard-link 503 and ready 503 in bounded time; restored → 200 again, same process',
      async (_, cut) => {
        const creator = await createActiveCreator(fixtures, stripe);
        expect((await dashboardLink(api, creator.token)).status).toBe(200);

        await cut();
        const failed = await dashboardLink(api, creator.token);
        expect(failed, api.output()).toMatchObject({
          status: 503,
          code: 'common.service_unavailable',
          retryAfter: '5',
        });
        expect(failed.ms).toBeLessThan(REQUEST_BOUND_MS);
        const notReady = await ready(api);
        expect(notReady).toMatchObject({
          status: 503,
          code: 'common.service_unavailable',
          details: [{ field: 'database', message: 'database is unreachable' }],
        });
        expect(notReady.ms).toBeLessThan(READY_BOUND_MS);
        // Still answering the same way while it lasts: no request hangs behind the first ones.
        const again = await Promise.all([
          dashboardLink(api, creator.token),
          dashboardLink(api, creator.token),
        ]);
        for (const answer of again) {
          expect(answer).toMatchObject({ status: 503, code: 'common.service_unavailable' });
          expect(answer.ms).toBeLessThan(REQUEST_BOUND_MS);
        }

        await proxy.restore();
        expect(
          (
            await eventually(
              () => ready(api),
              (r) => r.status === 200,
              10_000,
            )
          ).status,
        ).toBe(200);
        expect((await dashboardLink(api, creator.token)).status).toBe(200);
        expect(await Promise.race([api.exited.then(() => 'exited'), Promise.resolve('running')])).toBe(
          'running',
        );
      },
    );
  });

  describe('PostgreSQL hung while its timeouts are long', () => {
    let proxy: TcpProxy;
    let api: ApiProcess;

    beforeAll(async () => {
      const url = process.env.DATABASE_URL ?? '';
      proxy = await startTcpProxy({ ...targetOf(url), port: targetOf(url).port || 5432 });
      api = await startApiProcess({
        DATABASE_URL: proxy.url(url),
        DATABASE_QUERY_TIMEOUT_MS: '10000',
        DATABASE_CONNECT_TIMEOUT_MS: '10000',
      });
    });

    afterAll(async () => {
      await api?.stop('SIGKILL');
      await proxy?.close();
    });

    it('readiness still answers 503 within its 2 s probe cap, and 200 once the database is back', async () => {
      proxy.blackhole();
      const notReady = await ready(api);
      expect(notReady).toMatchObject({ status: 503, details: [{ field: 'database' }] });
      expect(notReady.ms).toBeGreaterThanOrEqual(1_900);
      expect(notReady.ms).toBeLessThan(5_000);
      await proxy.restore();
      expect(
        (
          await eventually(
            () => ready(api),
            (r) => r.status === 200,
            10_000,
          )
        ).status,
      ).toBe(200);
    });
  });

  const why = process.env.REDIS_URL ? '' : ' [skipped: REDIS_URL is unset; CI sets it]';
  describeWithRedis(
    `Redis unreachable: per-instance in-memory limits, ready 503, then shared limits again${why}`,
    () => {
      // One request may wait for ioredis's 1 s command timeout before the switch; later ones never touch Redis.
      const REQUEST_BOUND_MS = 4_000;
      let proxy: TcpProxy;
      let api: ApiProcess;

      // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
      beforeAll(async () => {
        const url = process.env.REDIS_URL ?? '';
        proxy = await startTcpProxy({ ...targetOf(url), port: targetOf(url).port || 6379 });
        api = await startApiProcess({ ...stripeEnv, REDIS_URL: proxy.url(url) });
      });

      // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
      afterAll(async () => {
        await api?.stop('SIGKILL');
        await proxy?.close();
      });

      const fallbackLines = () => api.logs().filter((line) => line.event === 'rate_limit_fallback');
      const sharedLines = () => api.logs().filter((line) => line.event === 'rate_limit_shared');
      const redisWarnings = () => api.logs().filter((line) => line.context === 'Redis' && line.level === 40);

      /** `count` requests one after the other: their statuses, and the slowest answer. */
      async function burst(token: string, count: number) {
        const answers = [];
        for (let i = 0; i < count; i++) answers.push(await dashboardLink(api, token));
        return { statuses: answers.map((a) => a.status), slowestMs: Math.max(...answers.map((a) => a.ms)) };
      }

      it.each([
        // Refused for a few seconds: ioredis retries meanwhile (200 ms, 400 ms, …), which must not flood the logs.
        ['refused', () => proxy.refuse().then(() => new Promise((resolve) => setTimeout(resolve, 2_500))), 1],
        ['blackholed', () => proxy.blackhole(), 2],
      ])(
        '%s → limits counted in memory, no 5xx, one warning; restored → one info line, Redis counts again',
        async (_, cut, outage) => {
          // Before: counted in Redis.
          const counted = await createActiveCreator(fixtures, stripe);
          expect((await burst(counted.token, 3)).statuses).toEqual([200, 200, 200]);

          await cut();
          const during = await createActiveCreator(fixtures, stripe);
          const { statuses, slowestMs } = await burst(during.token, LIMIT + 2);
          expect(statuses, api.output()).toEqual([...Array(LIMIT).fill(200), 429, 429]);
          expect(slowestMs).toBeLessThan(REQUEST_BOUND_MS);
          const notReady = await ready(api);
          expect(notReady).toMatchObject({
            status: 503,
            details: [{ field: 'redis', message: 'redis is unreachable' }],
          });
          expect(notReady.ms).toBeLessThan(5_000);
          expect(fallbackLines()).toHaveLength(outage);
          expect(fallbackLines().at(-1)).toMatchObject({ level: 40, context: 'RateLimit' });

          await proxy.restore();
          await api.waitForLog(
            (line: LogLine) => sharedLines().length === outage && line.event === 'rate_limit_shared',
          );
          expect(sharedLines().at(-1)).toMatchObject({ level: 30, context: 'RateLimit' });
          // Logged by the background probe, not as part of whichever request noticed the outage.
          expect(sharedLines().at(-1)).not.toHaveProperty('correlationId');
          expect(
            (
              await eventually(
                () => ready(api),
                (r) => r.status === 200,
                10_000,
              )
            ).status,
          ).toBe(200);
          // Counting is back in Redis: the 3 hits from before the outage still count (memory would allow 10 more).
          expect((await burst(counted.token, LIMIT - 3 + 1)).statuses).toEqual([
            ...Array(LIMIT - 3).fill(200),
            429,
          ]);
          // One switch each way per outage, and no warning per request or per reconnection attempt.
          expect(fallbackLines()).toHaveLength(outage);
          expect(sharedLines()).toHaveLength(outage);
          expect(redisWarnings().length).toBeLessThanOrEqual(outage);
        },
      );
    },
  );
});
