import { fileURLToPath } from 'node:url';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { Redis } from 'ioredis';
import { RedisConnection } from '../../src/platform/redis/redis.module.js';
import { accessTokenFor, createActiveCreator, createUser, uniqueAccountId } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { rawRequest } from '../support/raw-http.js';
import { itWithRedis } from '../support/redis-available.js';
import { seedGetDashboardLink } from '../support/seed-samples.js';
import {
  startTestApi,
  startTestApiWithStripe,
  type TestApi,
  type TestApiWithStripe,
} from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
// The `pg` the app's Prisma adapter runs on (a dependency of @biore/database): every query goes through its Client.
// Jest's own require, so it is the module instance the app loaded.
const pg = require(
  require.resolve('pg', {
    paths: [fileURLToPath(new URL('../../../../packages/database/', import.meta.url))],
  }),
) as {
  Client: { prototype: { query: (...args: unknown[]) => unknown } };
};

describe('POST /api/v1/creators/stripe-connect/dashboard-link', () => {
  let api: TestApi;
  let stripe: StripeEmulator;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe();
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  const activeCreator = () => createActiveCreator(api.prisma, stripe);

  function post(token?: string, headers: Record<string, string> = {}) {
    return fetch(api.origin + ROUTE, {
      method: 'POST',
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
    });
  }

  it('returns 200 with a one-shot Express dashboard URL for an ACTIVE creator, uncached', async () => {
    const user = await activeCreator();
    const response = await post(accessTokenFor(user.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await readEnvelope(response);
    expect(body).toEqual({
      success: true,
      data: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/express\//) },
    });

    const page = await fetch(body.data.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(user.stripeAccountId);
    expect((await fetch(body.data.url)).status).toBe(410);
  });

  it('accepts a JSON content type with no body, as curl -H sends it', async () => {
    const { token } = await activeCreator();
    for (const headers of [{}, { 'content-length': '0' }] as Record<string, string>[]) {
      const response = await rawRequest(api.origin, {
        method: 'POST',
        path: ROUTE,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      });
      expect(response.status).toBe(200);
    }
  });

  it('gives a new URL on every call', async () => {
    const token = accessTokenFor((await activeCreator()).id);
    const first = (await readEnvelope(await post(token))).data.url;
    const second = (await readEnvelope(await post(token))).data.url;
    expect(second).not.toBe(first);
  });

  it('runs the product page getDashboardLink sample unchanged', async () => {
    const getDashboardLink = await seedGetDashboardLink(api.origin);
    const user = await activeCreator();
    await expect(getDashboardLink(accessTokenFor(user.id))).resolves.toMatch(/\/express\//);
    const fan = await createUser(api.prisma);
    await expect(getDashboardLink(accessTokenFor(fan.id))).rejects.toMatchObject({
      message: 'Payouts are for creators. Create a creator profile first.',
      code: 'creator.stripe.not_creator',
    });
  });

  it('401 AUTH_UNAUTHORIZED without a token, still uncached and correlated', async () => {
    const response = await post();
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await readEnvelope(response);
    expect(body).toEqual({
      success: false,
      error: {
        code: 'AUTH_UNAUTHORIZED',
        message: 'Sign in to continue.',
        i18nKey: 'auth.token.missing',
        correlationId: response.headers.get('x-correlation-id'),
      },
    });
  });

  it('404 creator.stripe.not_creator for a user without a CreatorProfile', async () => {
    const fan = await createUser(api.prisma);
    const response = await post(accessTokenFor(fan.id));
    expect(response.status).toBe(404);
    expect((await readEnvelope(response)).error).toMatchObject({
      code: 'creator.stripe.not_creator',
      i18nKey: 'creator.stripe.not_creator',
    });
  });

  it('400 creator.stripe.account_not_found when the profile has no Stripe account', async () => {
    const user = await createUser(api.prisma, { stripeAccountId: null, stripeAccountStatus: 'PENDING' });
    const response = await post(accessTokenFor(user.id));
    expect(response.status).toBe(400);
    expect((await readEnvelope(response)).error).toMatchObject({
      code: 'creator.stripe.account_not_found',
      i18nKey: 'creator.stripe.account_not_found',
    });
  });

  it.each(['PENDING', 'RESTRICTED', 'DISABLED'] as const)(
    '400 creator.stripe.not_active naming the status %s, without calling Stripe',
    async (status) => {
      const user = await createUser(api.prisma, {
        stripeAccountId: uniqueAccountId(),
        stripeAccountStatus: status,
      });
      stripe.requests.clear();
      const response = await post(accessTokenFor(user.id));
      expect(response.status).toBe(400);
      expect((await readEnvelope(response)).error).toMatchObject({
        code: 'creator.stripe.not_active',
        i18nKey: 'creator.stripe.not_active',
        i18nVars: { status },
      });
      expect(stripe.requests.list()).toHaveLength(0);
    },
  );

  it('checks in the documented order: a fan is not_creator before anything about Stripe', async () => {
    const unconfigured = await startTestApi({ STRIPE_EMULATOR: 'off' });
    try {
      const fan = await createUser(unconfigured.prisma);
      const pending = await createUser(unconfigured.prisma, {
        stripeAccountId: uniqueAccountId(),
        stripeAccountStatus: 'PENDING',
      });
      const active = await createUser(unconfigured.prisma, {
        stripeAccountId: uniqueAccountId(),
        stripeAccountStatus: 'ACTIVE',
      });
      const codeFor = async (userId: string) => {
        const response = await fetch(unconfigured.origin + ROUTE, {
          method: 'POST',
          headers: { authorization: `Bearer ${accessTokenFor(userId)}` },
        });
        return [response.status, (await readEnvelope(response)).error?.code];
      };
      expect(await codeFor(fan.id)).toEqual([404, 'creator.stripe.not_creator']);
      expect(await codeFor(pending.id)).toEqual([400, 'creator.stripe.not_active']);
      expect(await codeFor(active.id)).toEqual([400, 'creator.stripe.service_unavailable']);
    } finally {
      await unconfigured.close();
    }
  });

  describe('database round trips', () => {
    /** The SQL statements the app sends while one request is answered. */
    async function queriesDuring(request: () => Promise<Response>): Promise<[number, string[]]> {
      const query = jest.spyOn(pg.Client.prototype, 'query');
      try {
        const response = await request();
        await response.arrayBuffer();
        const sql = query.mock.calls.map(([statement]) =>
          typeof statement === 'string' ? statement : String((statement as { text?: string }).text),
        );
        return [response.status, sql];
      } finally {
        query.mockRestore();
      }
    }

    // Revocation costs one query per request (the token's user, its version and revocation, in one statement), so
    // sign-out holds on every instance at once; the route's own work is the profile query.
    it('success reads the database twice: the token (user, version, revocation), then the profile', async () => {
      const token = accessTokenFor((await activeCreator()).id);
      await (await post(token)).arrayBuffer(); // a warm pool: no connection set-up in the count
      const [status, sql] = await queriesDuring(() => post(token));
      expect(status).toBe(200);
      expect(sql).toHaveLength(2);
      expect(sql[0]).toMatch(/FROM users/);
      expect(sql[0]).toMatch(/revoked_access_tokens/);
      expect(sql[1]).toMatch(/creator_profiles/);
    });

    it('a fan costs the same two queries (404); a deleted user only the first (401)', async () => {
      const fan = await createUser(api.prisma);
      const deleted = await createUser(api.prisma);
      await api.prisma.user.delete({ where: { id: deleted.id } });
      const [fanStatus, fanSql] = await queriesDuring(() => post(accessTokenFor(fan.id)));
      expect([fanStatus, fanSql.length]).toEqual([404, 2]);
      expect(fanSql[1]).toMatch(/creator_profiles/);
      const [deletedStatus, deletedSql] = await queriesDuring(() => post(accessTokenFor(deleted.id)));
      expect([deletedStatus, deletedSql.length]).toEqual([401, 1]);
    });
  });

  itWithRedis('success costs one Redis round trip and one Stripe call (Redis needs REDIS_URL)', async () => {
    const token = (await activeCreator()).token;
    await (await post(token)).arrayBuffer(); // connections warm, as in steady traffic
    const appRedis = api.app.get(RedisConnection).client;
    const appSocket = `127.0.0.1:${(appRedis as unknown as { stream: { localPort: number } }).stream.localPort}`;
    // `monitor()` opens a connection of its own: both are closed below.
    const client = new Redis(process.env.REDIS_URL ?? '');
    const monitor = await client.monitor();
    const commands: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === appSocket) commands.push(args[0] ?? '');
    });
    try {
      stripe.requests.clear();
      const response = await post(token);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100)); // MONITOR's stream trails the replies
      expect(commands.map((command) => command.toLowerCase())).toEqual(['eval']);
      expect(stripe.requests.list().map((request) => `${request.method} ${request.path}`)).toEqual([
        expect.stringMatching(/^POST \/v1\/accounts\/acct_\w+\/login_links$/),
      ]);
    } finally {
      monitor.disconnect();
      client.disconnect();
    }
  });

  it('writes nothing to the database', async () => {
    const user = await activeCreator();
    const before = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect((await post(accessTokenFor(user.id))).status).toBe(200);
    const after = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect(after).toEqual(before);
  });
});
