import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createActiveCreator } from '../support/fixtures.js';
import { type LoadBalancer, startLoadBalancer } from '../support/haproxy.js';
import { describeWithRedis } from '../support/redis-available.js';
import { freePort, startTestStripe } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const CALLS_PER_CREATOR = 10; // the route's limit per user and hour: every call is due a link
const CREATORS = 800;
const WORKERS = 8;
/** Between two requests of one worker: a steady ~40 requests a second at most, so the calls last the scenario. */
const PAUSE_MS = 25;
/** No request of the load may take longer: a hang fails it rather than the test's timeout. */
const REQUEST_TIMEOUT_MS = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Outcome {
  startedAt: number;
  status: number;
  /** Why the answer is not the envelope of a dashboard link ('' when it is). */
  problem: string;
}

const why = process.env.REDIS_URL
  ? ''
  : ' [skipped: REDIS_URL is unset; two instances share limits only through Redis]';

/**
 * Two built servers behind Debian's HAProxy running deploy/haproxy.cfg (servers moved to loopback), under steady
 * dashboard-link load through the balancer, restarted as operators do: one at a time, each back in rotation before
 * the next goes.
 */
describeWithRedis(`behind HAProxy${why}`, () => {
  let stripe: StripeEmulator;
  let fixtures: PrismaClient;
  let env: Record<string, string | undefined>;
  const ports: Record<string, number> = {};
  const instances: Record<string, ApiProcess> = {};
  let balancer: LoadBalancer;
  let calls: string[];

  beforeAll(async () => {
    const testStripe = await startTestStripe();
    stripe = testStripe.emulator;
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    env = {
      ...testStripe.env,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      LOG_LEVEL: 'warn',
      // What operators run: the production drain, not the tests' shortcut.
      SHUTDOWN_DRAIN_MS: undefined,
    };
    for (const name of ['api-1', 'api-2']) ports[name] = await freePort();
    await Promise.all(Object.keys(ports).map((name) => start(name)));
    balancer = await startLoadBalancer(ports);
    const tokens: string[] = [];
    for (let i = 0; i < CREATORS; i++) tokens.push((await createActiveCreator(fixtures, stripe)).token);
    calls = Array.from({ length: CALLS_PER_CREATOR }, () => tokens).flat();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(instances).map((api) => api.stop('SIGKILL')));
    await balancer?.close();
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  async function start(name: string): Promise<void> {
    instances[name] = await startApiProcess({ ...env, PORT: String(ports[name]) });
  }

  /**
   * Steady load through the balancer while `scenario` runs (each worker waits PAUSE_MS between its requests); the
   * load stops with it, whether it succeeds or fails, and resolves with every request's outcome.
   */
  async function underSteadyLoad(scenario: () => Promise<void>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let stopped = false;
    let ranOut = false;
    const workers = Array.from({ length: WORKERS }, async () => {
      while (!stopped) {
        const token = calls.pop();
        if (!token) {
          ranOut = true;
          return;
        }
        outcomes.push(await dashboardLink(token));
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    });
    try {
      await scenario();
    } finally {
      stopped = true;
      await Promise.all(workers);
    }
    expect(ranOut, 'the load ran out of calls before the scenario ended: raise CREATORS').toBe(false);
    return outcomes;
  }

  async function dashboardLink(token: string): Promise<Outcome> {
    const startedAt = Date.now();
    try {
      const response = await fetch(balancer.origin + ROUTE, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await response.text();
      return { startedAt, status: response.status, problem: envelopeProblem(response, body) };
    } catch (error) {
      return { startedAt, status: 0, problem: `no answer: ${String((error as Error).cause ?? error)}` };
    }
  }

  function envelopeProblem(response: Response, body: string): string {
    try {
      const envelope = JSON.parse(body) as { success?: boolean; data?: { url?: unknown } };
      if (response.status !== 200 || envelope.success !== true || typeof envelope.data?.url !== 'string')
        return `${response.status} ${body.slice(0, 200)}`;
      if (!UUID.test(response.headers.get('x-correlation-id') ?? '')) return 'no x-correlation-id';
      return '';
    } catch {
      return `${response.status} not JSON: ${body.slice(0, 200)}`;
    }
  }

  /**
   * SIGTERM; the balancer takes the instance out of rotation while it still accepts connections (its drain); it
   * exits cleanly; it starts again, and the balancer has it back in rotation before the next one goes.
   */
  async function restart(name: string): Promise<void> {
    const instance = instances[name] as ApiProcess;
    const stopped = instance.stop('SIGTERM', 30_000);
    await balancer.waitForServerStatus(name, 'DOWN');
    const live = await fetch(`${instance.origin}/health/live`).then(
      (response) => response.status,
      (error: Error) => `refused: ${String(error.cause ?? error)}`,
    );
    expect(live, 'still serving once the balancer has noticed').toBe(200);
    expect(await stopped, instance.output()).toMatchObject({ code: 0, signal: null });
    await start(name);
    await balancer.waitForServerStatus(name, 'UP');
  }

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a rolling restart under load loses no request, and every answer is the envelope', async () => {
    const outcomes = await underSteadyLoad(async () => {
      await settle(1_000);
      await restart('api-1');
      await restart('api-2');
      await settle(1_000);
    });

    const failed = outcomes.filter((outcome) => outcome.problem !== '');
    expect(failed.map((outcome) => outcome.problem)).toEqual([]);
    // The load lasted the whole restart: enough requests went through while instances were leaving and coming back.
    expect(outcomes.length).toBeGreaterThan(100);
  }, 180_000);

  it('a SIGKILL of one instance loses at most the requests in flight on it', async () => {
    let goneAt = Number.POSITIVE_INFINITY;
    const outcomes = await underSteadyLoad(async () => {
      await settle(1_000);
      await (instances['api-1'] as ApiProcess).stop('SIGKILL');
      // What the balancer had sent it before it was gone may be lost; a request sent since must not be.
      goneAt = Date.now();
      await balancer.waitForServerStatus('api-1', 'DOWN');
      await settle(1_000);
    });

    const failed = outcomes.filter((outcome) => outcome.problem !== '');
    // Each worker has one request in flight at most.
    expect(failed.length).toBeLessThanOrEqual(WORKERS);
    expect(failed.filter((outcome) => outcome.startedAt > goneAt)).toEqual([]);
    expect(
      outcomes.filter((outcome) => outcome.startedAt > goneAt && outcome.problem === '').length,
    ).toBeGreaterThan(10);
  }, 120_000);
});
