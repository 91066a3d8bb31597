import { createPrismaClient, type PrismaClient } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import jwt from 'jsonwebtoken';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createActiveCreator, createUser, uniqueAccountId } from '../support/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestStripe, TEST_JWT } from '../support/test-api.js';

const CONNECT = '/api/v1/creators/stripe-connect';

/**
 * The error lines of failures name the method and the path, never the query string: on Stripe's refresh and return
 * URLs it holds the signed onboarding state, which would let anyone reading the logs restart or finish a creator's
 * onboarding, and any route may be sent one. Both kinds of 5xx these routes meet: Stripe failing and the database
 * out of reach.
 */
describe('5xx error lines of the built server', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;
  let fixtures: PrismaClient;
  const processes: ApiProcess[] = [];
  let database: TcpProxy;

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    const { hostname, port } = new URL(process.env.DATABASE_URL ?? '');
    database = await startTcpProxy({ host: hostname, port: Number(port) });
  });

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop('SIGKILL')));
    await database?.close();
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  /**
   * What the failing requests need: an ACTIVE creator's token (the dashboard link reaches Stripe), and the state this
   * API signs into the onboarding links of a PENDING creator (refresh and return reach Stripe).
   */
  async function callers(): Promise<{ token: string; state: string }> {
    const active = await createActiveCreator(fixtures, stripe);
    const stripeAccountId = uniqueAccountId();
    stripe.accounts.seed({ id: stripeAccountId, type: 'express', details_submitted: false });
    const pending = await createUser(fixtures, { stripeAccountId, stripeAccountStatus: 'PENDING' });
    const state = jwt.sign({ acct: stripeAccountId }, TEST_JWT.secret, {
      subject: pending.id,
      issuer: TEST_JWT.issuer,
      audience: `${TEST_JWT.audience}/stripe-onboarding`,
      expiresIn: 600,
    });
    return { token: active.token, state };
  }

  /**
   * The dashboard link fails with a 5xx and its error line names the path; whatever the onboarding routes answer, no
   * line anywhere holds the state sent in the query.
   */
  async function expectPathOnlyErrorLines(
    api: ApiProcess,
    { token, state }: { token: string; state: string },
  ) {
    const requests = [
      { method: 'POST', path: `${CONNECT}/dashboard-link` },
      { method: 'GET', path: `${CONNECT}/onboarding/refresh` },
      { method: 'GET', path: `${CONNECT}/onboarding/return` },
    ];
    for (const { method, path } of requests) {
      const response = await fetch(`${api.origin}${path}?state=${state}`, {
        method,
        redirect: 'manual',
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (method === 'POST') expect(response.status).toBeGreaterThanOrEqual(500);
      await api.waitForLog((line) => line.msg === 'request completed' && line.route === path);
    }
    await api.waitForLog((line) => line.level === 50 && line.msg === `POST ${CONNECT}/dashboard-link failed`);
    expect(api.output()).not.toContain(state);
  }

  it('Stripe failing', async () => {
    const api = await startApiProcess(stripeEnv);
    processes.push(api);
    const caller = await callers();
    stripe.faults.inject({ path: '/v1/account_links', kind: 'status', status: 500 });
    stripe.faults.inject({ path: '/v1/accounts/*', kind: 'status', status: 500 });
    stripe.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'status', status: 500 });
    try {
      await expectPathOnlyErrorLines(api, caller);
    } finally {
      stripe.faults.clear();
    }
  });

  it('the database out of reach', async () => {
    const api = await startApiProcess({
      ...stripeEnv,
      DATABASE_URL: database.url(process.env.DATABASE_URL ?? ''),
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_QUERY_TIMEOUT_MS: '500',
    });
    processes.push(api);
    const caller = await callers();
    await database.refuse();
    try {
      await expectPathOnlyErrorLines(api, caller);
    } finally {
      await database.restore();
    }
  });
});
