import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@biore/database';
import { type StripeEmulator, stripeSignatureHeader } from '@biore/stripe-emulator';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createActiveCreator } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { itWithRedis } from '../support/redis-available.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { freePort, startTestStripe } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';

const CONNECT = '/api/v1/creators/stripe-connect';
const DASHBOARD_LINK = `${CONNECT}/dashboard-link`;
const WEBHOOK = '/api/v1/webhooks/stripe';
const WEBHOOK_SECRET = 'whsec_test_metrics_0123456789abcdef';
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const LOGIN_LINKS = '/v1/accounts/*/login_links';

/** One sample of Prometheus's text format: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name = '', labelText = '', value = ''] = line.match(/^(\w+)(?:\{(.*)\})? (\S+)$/) ?? [];
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key = '', text = '']) => [key, text]),
      );
      return { name, labels, value: Number(value) };
    });
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const matching = samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (matching.length > 1)
    throw new Error(`${matching.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return matching[0]?.value ?? 0;
}

/** The Prometheus endpoint of the built server, on its own port, fed by real traffic. */
describe('metrics', () => {
  let stripe: StripeEmulator;
  let fixtures: PrismaClient;
  let redis: TcpProxy | undefined;
  let api: ApiProcess;
  let metricsOrigin: string;

  beforeAll(async () => {
    const testStripe = await startTestStripe();
    stripe = testStripe.emulator;
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    if (process.env.REDIS_URL) {
      const { hostname, port } = new URL(process.env.REDIS_URL);
      redis = await startTcpProxy({ host: hostname, port: Number(port) });
    }
    const metricsPort = await freePort();
    metricsOrigin = `http://127.0.0.1:${metricsPort}`;
    api = await startApiProcess({
      ...testStripe.env,
      STRIPE_TIMEOUT_MS: '1000',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ...(redis && {
        REDIS_URL: redis.url(process.env.REDIS_URL ?? ''),
        REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      }),
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await redis?.close();
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  beforeEach(() => stripe.faults.clear());

  const scrape = async () => {
    const response = await fetch(`${metricsOrigin}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await response.text());
  };

  const dashboardLink = async (token: string) => {
    const response = await fetch(api.origin + DASHBOARD_LINK, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  };

  it('are served on their own port only, to the token only; anything else is the envelope’s 404', async () => {
    for (const response of [
      await fetch(`${api.origin}/metrics`),
      await fetch(`${metricsOrigin}/metrics`),
      await fetch(`${metricsOrigin}/metrics`, {
        headers: { authorization: 'Bearer wrong-token-0123456789abcdef' },
      }),
      await fetch(`${metricsOrigin}/other`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }),
    ]) {
      expect(response.status).toBe(404);
      expect((await readEnvelope(response)).error).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(sampleValue(await scrape(), 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('count requests by route template and status, and rate-limit refusals by limit', async () => {
    const creator = await createActiveCreator(fixtures, stripe);
    const statuses = [];
    for (let call = 0; call < 11; call++) statuses.push(await dashboardLink(creator.token));
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    await (await fetch(`${api.origin}/api/v1/no-such-route/${randomUUID()}?secret=1`)).arrayBuffer();

    const samples = await scrape();
    const requests = (status: string) =>
      sampleValue(samples, 'http_request_duration_seconds_count', {
        method: 'POST',
        route: DASHBOARD_LINK,
        status,
      });
    expect(requests('200')).toBeGreaterThanOrEqual(10);
    expect(requests('429')).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    // One series per route, never per URL: no raw path, id or query string in a label.
    const routes = new Set(samples.map((sample) => sample.labels.route).filter(Boolean));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[\w/.-]*)$/);
    expect([...routes].some((route) => route?.includes('no-such-route'))).toBe(false);
    expect(
      sampleValue(samples, 'rate_limit_refusals_total', { limit: DASHBOARD_LINK }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('count Stripe calls by path template and outcome, with their latency', async () => {
    const creator = await createActiveCreator(fixtures, stripe);
    expect(await dashboardLink(creator.token)).toBe(200);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'status', status: 500, times: 1 });
    expect(await dashboardLink(creator.token)).toBe(502);
    // Longer than STRIPE_TIMEOUT_MS (1 s): the attempt gets no answer at all.
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'delay', ms: 2_000, times: 1 });
    expect(await dashboardLink(creator.token)).toBe(504);

    const samples = await scrape();
    const calls = (outcome: string) =>
      sampleValue(samples, 'stripe_request_duration_seconds_count', {
        method: 'POST',
        path: '/v1/accounts/{id}/login_links',
        outcome,
      });
    expect(calls('ok')).toBeGreaterThanOrEqual(1);
    expect(calls('failed')).toBeGreaterThanOrEqual(1);
    expect(calls('timeout')).toBeGreaterThanOrEqual(1);
    expect(samples.some((sample) => sample.labels.path?.includes('acct_'))).toBe(false);
  });

  it('count webhook deliveries by outcome, with their lag', async () => {
    const event = JSON.stringify({
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      type: 'account.updated',
      created: Math.floor(Date.now() / 1_000) - 30,
      livemode: false,
      data: { object: { id: 'acct_UnknownToUs0001', object: 'account' } },
    });
    const deliver = (signature: string) =>
      fetch(api.origin + WEBHOOK, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: event,
      });
    const now = Math.floor(Date.now() / 1_000);
    expect((await deliver(stripeSignatureHeader(event, WEBHOOK_SECRET, now))).status).toBe(200);
    expect((await deliver(stripeSignatureHeader(event, WEBHOOK_SECRET, now))).status).toBe(200);
    expect((await deliver(stripeSignatureHeader(event, 'whsec_not_ours_0123456789', now))).status).toBe(400);

    const samples = await scrape();
    expect(sampleValue(samples, 'stripe_webhook_deliveries_total', { outcome: 'IGNORED' })).toBe(1);
    expect(sampleValue(samples, 'stripe_webhook_deliveries_total', { outcome: 'DUPLICATE' })).toBe(1);
    expect(sampleValue(samples, 'stripe_webhook_deliveries_total', { outcome: 'signature_invalid' })).toBe(1);
    expect(sampleValue(samples, 'stripe_webhook_lag_seconds_count')).toBe(2);
    // Created 30 s before its delivery: in the buckets from 60 s on, not in those up to 15 s.
    expect(sampleValue(samples, 'stripe_webhook_lag_seconds_bucket', { le: '15' })).toBe(0);
    expect(sampleValue(samples, 'stripe_webhook_lag_seconds_bucket', { le: '60' })).toBe(2);
  });

  it('show the database pool against its size', async () => {
    const samples = await scrape();
    // DATABASE_POOL_SIZE of the test processes.
    expect(sampleValue(samples, 'database_pool_max_connections')).toBe(4);
    const open =
      sampleValue(samples, 'database_pool_connections', { state: 'idle' }) +
      sampleValue(samples, 'database_pool_connections', { state: 'busy' });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(4);
    expect(sampleValue(samples, 'database_pool_waiting_queries')).toBe(0);
  });

  itWithRedis(
    'show when rate limits fall back to per-instance memory, and when they are shared again',
    async () => {
      const proxy = redis as TcpProxy;
      const fallback = async () => sampleValue(await scrape(), 'rate_limit_redis_fallback');
      expect(await fallback()).toBe(0);
      const creator = await createActiveCreator(fixtures, stripe);
      await proxy.refuse();
      try {
        // The first count that fails switches to memory.
        expect(await dashboardLink(creator.token)).toBe(200);
        expect(await fallback()).toBe(1);
      } finally {
        await proxy.restore();
      }
      await waitFor(async () => expect(await fallback()).toBe(0), { timeoutMs: 10_000, intervalMs: 200 });
    },
  );
});
