import { connect } from 'node:net';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createActiveCreator } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi, startTestStripe, type TestApi } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const LOGIN_LINKS = '/v1/accounts/*/login_links';
const STRIPE_DELAY_MS = 2_000;

/** Whether a new TCP connection to the port is refused (nothing listens any more). */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function waitUntilRefused(port: number, withinMs: number): Promise<boolean> {
  const giveUpAt = Date.now() + withinMs;
  while (Date.now() < giveUpAt) {
    if (await connectionRefused(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** SIGTERM on the built server (`node dist/server.mjs`), as an orchestrator sends it. */
describe('graceful shutdown of the API process', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;
  // Writes fixtures to the run's database; the processes under test are separate.
  let fixtures: TestApi;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
    fixtures = await startTestApi();
  });

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop('SIGKILL')));
    await fixtures?.close();
    await stripe?.close();
  });

  beforeEach(() => {
    stripe.faults.clear();
    stripe.requests.clear();
  });

  async function start(env: Record<string, string> = {}) {
    const api = await startApiProcess({ ...stripeEnv, ...env });
    processes.push(api);
    return api;
  }

  const dashboardLink = (api: ApiProcess, token: string) =>
    fetch(api.origin + ROUTE, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('finishes the request in flight, refuses new connections meanwhile, closes its pools and exits 0', async () => {
    const api = await start();
    const creator = await createActiveCreator(fixtures.prisma, stripe);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'delay', ms: STRIPE_DELAY_MS });

    const sentAt = Date.now();
    const inFlight = dashboardLink(api, creator.token);
    // The request has reached Stripe (the emulator holds its answer for 2 s) when the signal arrives.
    await waitFor(() => expect(stripe.requests.list()).toHaveLength(1));
    const stopped = api.stop('SIGTERM');

    expect(await waitUntilRefused(api.port, 1_500)).toBe(true);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await readEnvelope(response)).data.url).toEqual(expect.any(String));
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(STRIPE_DELAY_MS - 100);

    // Exiting by itself (no process.exit) within the deadline means Prisma's and Redis's pools were closed.
    const exit = await stopped;
    expect(exit, api.output()).toMatchObject({ code: 0, signal: null });
    expect(exit.elapsedMs).toBeLessThan(10_000);
    const messages = api.logs().map((line) => line.msg ?? '');
    expect(messages.some((msg) => msg.startsWith('SIGTERM: shutting down'))).toBe(true);
    expect(messages).toContain('Shutdown complete');
    expect(api.logs().filter((line) => line.level >= 50)).toEqual([]);
  });

  it('exits 0 promptly when idle, on SIGTERM and on SIGINT', async () => {
    const [byTerm, byInt] = await Promise.all([start(), start()]);
    const [termExit, intExit] = await Promise.all([byTerm.stop('SIGTERM'), byInt.stop('SIGINT')]);
    expect(termExit, byTerm.output()).toMatchObject({ code: 0, signal: null });
    expect(intExit, byInt.output()).toMatchObject({ code: 0, signal: null });
    expect(termExit.elapsedMs).toBeLessThan(6_000);
    expect(intExit.elapsedMs).toBeLessThan(6_000);
  });

  it('exits 1 at the deadline when a request outlives SHUTDOWN_TIMEOUT_MS', async () => {
    const api = await start({ SHUTDOWN_TIMEOUT_MS: '1500', STRIPE_TIMEOUT_MS: '8000' });
    const creator = await createActiveCreator(fixtures.prisma, stripe);
    stripe.faults.inject({ path: LOGIN_LINKS, kind: 'delay', ms: 6_000 });
    const inFlight = dashboardLink(api, creator.token).then(
      (response) => response.status,
      () => 'connection lost',
    );
    await waitFor(() => expect(stripe.requests.list()).toHaveLength(1));

    const exit = await api.stop('SIGTERM');
    expect(exit, api.output()).toMatchObject({ code: 1, signal: null });
    expect(exit.elapsedMs).toBeGreaterThanOrEqual(1_400);
    expect(exit.elapsedMs).toBeLessThan(6_000);
    expect(
      api.logs().some((line) => line.level === 50 && /did not finish within 1500 ms/.test(line.msg ?? '')),
    ).toBe(true);
    expect(await inFlight).toBe('connection lost');
  });
});
