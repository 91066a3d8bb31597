import { createPrismaClient, type PrismaClient } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, type LogLine, startApiProcess } from '../support/api-process.js';
import { createActiveCreator, createUser, FIXTURE_PASSWORD } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestStripe } from '../support/test-api.js';

const CONNECT = '/api/v1/creators/stripe-connect';
const WEBHOOK_SECRET = 'whsec_test_logs_0123456789abcdef';

/**
 * A full run of a built server (logins, dashboard links, onboarding through Stripe's hosted page, a webhook, the
 * return URL, refusals and a Stripe failure) with its logs captured: they must be structured and carry the
 * request's context, and must hold none of the run's secrets.
 */
describe('logs of a full run', () => {
  let stripe: StripeEmulator;
  let fixtures: PrismaClient;
  let api: ApiProcess;
  const secrets: string[] = [];
  let abandoned: LogLine;
  let lateStripeAnswer: LogLine;

  beforeAll(async () => {
    const testStripe = await startTestStripe({ webhookRetry: { attempts: 2, initialDelayMs: 20 } });
    stripe = testStripe.emulator;
    fixtures = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
    api = await startApiProcess({
      ...testStripe.env,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LOG_LEVEL: 'trace',
    });
    stripe.webhooks.register({ url: `${api.origin}/api/v1/webhooks/stripe`, secret: WEBHOOK_SECRET });
    secrets.push(stripe.secretKey, WEBHOOK_SECRET, FIXTURE_PASSWORD);

    const call = async (
      method: string,
      path: string,
      init: { token?: string; body?: unknown; cookie?: string; signal?: AbortSignal } = {},
    ) => {
      const response = await fetch(api.origin + path, {
        method,
        redirect: 'manual',
        signal: init.signal,
        headers: {
          ...(init.token && { authorization: `Bearer ${init.token}` }),
          ...(init.cookie && { cookie: init.cookie }),
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return response;
    };

    const creator = await createActiveCreator(fixtures, stripe);
    const login = await call('POST', '/api/v1/auth/login', {
      body: { email: creator.email, password: FIXTURE_PASSWORD },
    });
    const { accessToken } = (await readEnvelope(login)).data;
    secrets.push(accessToken, creator.token);
    await call('POST', '/api/v1/auth/login', {
      body: { email: creator.email, password: `${FIXTURE_PASSWORD}-wrong` },
    });
    for (const request of [{ token: accessToken }, { cookie: `access_token=${accessToken}` }]) {
      const link = (await readEnvelope(await call('POST', `${CONNECT}/dashboard-link`, request))).data.url;
      secrets.push(link);
      await fetch(link);
    }
    await call('POST', `${CONNECT}/dashboard-link`, { token: `${accessToken}x` });

    const newcomer = await createUser(fixtures, { stripeAccountId: null, stripeAccountStatus: 'PENDING' });
    const newcomerToken = (
      await readEnvelope(
        await call('POST', '/api/v1/auth/login', {
          body: { email: newcomer.email, password: FIXTURE_PASSWORD },
        }),
      )
    ).data.accessToken;
    secrets.push(newcomerToken);
    const onboarding = (
      await readEnvelope(await call('POST', `${CONNECT}/onboarding-link`, { token: newcomerToken }))
    ).data.url;
    secrets.push(onboarding);
    const pressed = await fetch(onboarding, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=complete',
      redirect: 'manual',
    });
    const returnUrl = pressed.headers.get('location') ?? '';
    secrets.push(new URL(returnUrl).searchParams.get('state') ?? 'missing-state');
    await stripe.webhooks.idle();
    await fetch(returnUrl, { redirect: 'manual' });

    stripe.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'status', status: 500, times: 5 });
    await call('POST', `${CONNECT}/dashboard-link`, { token: newcomerToken });
    stripe.faults.clear();
    await api.waitForLog(
      (line) =>
        line.msg === 'request completed' &&
        String(line.route).endsWith('/dashboard-link') &&
        line.status === 502,
    );

    // A client that gives up while Stripe is slow to answer.
    stripe.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'delay', ms: 1_500, times: 1 });
    await call('POST', `${CONNECT}/dashboard-link`, {
      token: accessToken,
      signal: AbortSignal.timeout(200),
    }).catch(() => undefined);
    abandoned = await api.waitForLog((line) => line.msg === 'request completed' && line.aborted === true);
    lateStripeAnswer = await api.waitForLog((line) => line.msg === 'Stripe call');
    stripe.faults.clear();
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await fixtures?.$disconnect();
    await stripe?.close();
  });

  it('holds no token, password, secret key, webhook secret, dashboard or onboarding URL, nor onboarding state', () => {
    const output = api.output();
    expect(output.length).toBeGreaterThan(1_000);
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets)
      expect(output.includes(secret), `a secret of ${secret.length} characters leaked`).toBe(false);
  });

  it("names Nest's own lines after its classes as written, not as the bundle renamed them", () => {
    const contexts = [...new Set(api.logs().map((line) => line.context))];
    expect(contexts).toEqual(expect.arrayContaining(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']));
    expect(contexts.filter((context) => context?.startsWith('_'))).toEqual([]);
  });

  it('writes one JSON access line per request with correlation id, user, route, status and duration', () => {
    const access = api.logs().filter((line) => line.msg === 'request completed');
    expect(access.length).toBeGreaterThanOrEqual(10);
    for (const line of access.filter((candidate) => candidate.aborted === undefined)) {
      expect(line).toMatchObject({
        correlationId: expect.any(String),
        method: expect.any(String),
        route: expect.stringMatching(/^\//),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
    const dashboard = access.filter(
      (line) => line.route === `${CONNECT}/dashboard-link` && line.status === 200,
    );
    expect(dashboard.length).toBe(2);
    for (const line of dashboard) expect(line.userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs every Stripe answer with Stripe's request id on the access line of the request that made it", () => {
    const access = api.logs().filter((line) => line.msg === 'request completed');
    const stripeCalls = access.flatMap(
      (line) => (line.stripeCalls as Record<string, unknown>[] | undefined) ?? [],
    );
    expect(stripeCalls.length).toBeGreaterThanOrEqual(4);
    for (const call of stripeCalls)
      expect(call).toMatchObject({
        stripeRequestId: expect.stringMatching(/^req_/),
        method: expect.any(String),
        path: expect.stringMatching(/^\/v1\//),
        status: expect.any(Number),
        elapsedMs: expect.any(Number),
      });
    // The 502 dashboard-link request: its own line names Stripe's failed answer.
    const failed = access.find((line) => line.status === 502);
    expect(failed?.stripeCalls).toContainEqual(
      expect.objectContaining({ status: 500, path: expect.stringMatching(/\/login_links$/) }),
    );
    // Only an answer that came after its request's line was written has a line of its own.
    const ownLines = api.logs().filter((line) => line.msg === 'Stripe call');
    expect(ownLines.map((line) => line.correlationId)).toEqual([abandoned.correlationId]);
  });

  it("logs a request its client abandoned as aborted, and Stripe's late answer on a line of its own", () => {
    expect(abandoned).toMatchObject({
      route: `${CONNECT}/dashboard-link`,
      correlationId: expect.any(String),
      aborted: true,
    });
    expect(abandoned.status).toBeUndefined();
    expect(lateStripeAnswer).toMatchObject({
      correlationId: abandoned.correlationId,
      stripeRequestId: expect.stringMatching(/^req_/),
      path: expect.stringMatching(/\/login_links$/),
      status: 200,
    });
  });
});
