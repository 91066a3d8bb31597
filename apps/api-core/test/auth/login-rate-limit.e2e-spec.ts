import { createHmac, randomUUID } from 'node:crypto';
import { accessTokenFor, createUser, FIXTURE_PASSWORD } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTestApi, TEST_JWT, type TestApi } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const _TTL_SECONDS = 3_600;
const _UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const base64url = (value: object | string | Buffer) =>
  Buffer.from(typeof value === 'object' && !Buffer.isBuffer(value) ? JSON.stringify(value) : value).toString(
    'base64url',
  );

/** The claims login would issue for a user, to hand-build tokens the library would refuse to sign. */
function _claimsFor(userId: string) {
  const now = Math.floor(Date.now() / 1_000);
  return { sub: userId, iss: TEST_JWT.issuer, aud: TEST_JWT.audience, iat: now, exp: now + 600 };
}

function _hmacSigned(header: object, payload: object, secret = TEST_JWT.secret): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

describe('login rate limit: 20 attempts per 15 minutes per client address', () => {
  const LIMIT = 20;
  const WINDOW_SECONDS = 900;
  let api: TestApi;

  beforeAll(async () => {
    // A fresh app (and Redis prefix): this counter starts at zero. No trusted proxy: the address is the socket's.
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  const attempt = (body: object, headers: Record<string, string> = {}) =>
    fetch(api.origin + LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers the 21st attempt with 429 RATE_LIMIT_EXCEEDED, Retry-After and X-RateLimit-*, right password or not', async () => {
    const user = await createUser(api.prisma);
    for (let i = 1; i <= LIMIT; i++) {
      // An untrusted X-Forwarded-For changes nothing: it cannot buy a fresh budget. Other emails than the first,
      // so that no account reaches its own limit (10) on the way.
      const response = await attempt(
        i === 1
          ? { email: user.email, password: FIXTURE_PASSWORD }
          : { email: `nobody-${randomUUID()}@test.bio.re`, password: 'wrong-password' },
        { 'x-forwarded-for': `192.0.2.${i}` },
      );
      const answer = `attempt ${i}: ${response.status} ${await response.text()}`;
      expect(response.status, answer).toBe(i === 1 ? 200 : 401);
      expect(response.headers.get('x-ratelimit-limit'), answer).toBe(String(LIMIT));
      expect(response.headers.get('x-ratelimit-remaining'), answer).toBe(String(LIMIT - i));
    }

    const blocked = await attempt(
      { email: user.email, password: FIXTURE_PASSWORD },
      { 'x-forwarded-for': '192.0.2.99' },
    );
    expect(blocked.status).toBe(429);
    expect(blocked.headers.getSetCookie()).toEqual([]);
    expect(blocked.headers.get('cache-control')).toBe('no-store');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 30);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(blocked.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(blocked.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(WINDOW_SECONDS - 30);
    expect(reset).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(await readEnvelope(blocked)).toEqual({
      success: false,
      error: {
        code: 'RATE_LIMIT_EXCEEDED',
        message: 'Too many requests. Try again later.',
        i18nKey: 'common.rate_limit_exceeded',
        correlationId: blocked.headers.get('x-correlation-id'),
      },
    });

    // Still blocked for another account from the same address; other routes are not affected.
    const other = await createUser(api.prisma);
    expect((await attempt({ email: other.email, password: FIXTURE_PASSWORD })).status).toBe(429);
    const guarded = await fetch(api.origin + DASHBOARD_LINK, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessTokenFor(other.id)}` },
    });
    expect(guarded.status).toBe(404);
  });
});

describe('login rate limit behind a trusted proxy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => api?.close());

  const attempt = (clientAddress: string, body: object) =>
    fetch(api.origin + LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
      body: JSON.stringify(body),
    });

  it('counts per forwarded client address: one blocked address does not block another', async () => {
    const user = await createUser(api.prisma);
    const wrong = () => ({ email: `nobody-${randomUUID()}@test.bio.re`, password: 'wrong-password' });
    for (let i = 0; i < 20; i++) await (await attempt('198.51.100.7', wrong())).arrayBuffer();
    expect((await attempt('198.51.100.7', wrong())).status).toBe(429);
    expect((await attempt('198.51.100.8', { email: user.email, password: 'wrong-password' })).status).toBe(
      401,
    );
    expect((await attempt('198.51.100.8', { email: user.email, password: FIXTURE_PASSWORD })).status).toBe(
      200,
    );
  });
});

describe('login rate limit per account: 10 attempts per 15 minutes per email, from any address', () => {
  const LIMIT = 10;
  const WINDOW_SECONDS = 900;
  let api: TestApi;
  let clients = 0;

  beforeAll(async () => {
    // Every X-Forwarded-For believed: each attempt comes from an address of its own, as a botnet's would.
    api = await startTestApi({ TRUST_PROXY: 'true' });
  });
  afterAll(() => api?.close());

  function attempt(body: object, target: TestApi = api): Promise<Response> {
    clients += 1;
    return fetch(target.origin + LOGIN, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `203.0.${Math.floor(clients / 250)}.${clients % 250}`,
      },
      body: JSON.stringify(body),
    });
  }

  async function expectAccountLimitReached(response: Response) {
    expect(response.status).toBe(429);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 30);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(response.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(retryAfter));
    expect(await readEnvelope(response)).toEqual({
      success: false,
      error: {
        code: 'RATE_LIMIT_EXCEEDED',
        message: 'Too many requests. Try again later.',
        i18nKey: 'common.rate_limit_exceeded',
        correlationId: response.headers.get('x-correlation-id'),
      },
    });
  }

  it('answers the 11th attempt on one account with 429, even from a fresh address with the right password', async () => {
    const user = await createUser(api.prisma);
    const [local = '', domain = ''] = user.email.split('@');
    // The same account however the email is written: it is counted lower-cased.
    const spellings = [user.email, user.email.toUpperCase(), `${local}@${domain.toUpperCase()}`];
    for (let i = 0; i < LIMIT; i++) {
      const response = await attempt({ email: spellings[i % spellings.length], password: 'wrong-password' });
      expect(response.status, `attempt ${i + 1}: ${await response.text()}`).toBe(401);
    }
    await expectAccountLimitReached(await attempt({ email: user.email, password: FIXTURE_PASSWORD }));
    await expectAccountLimitReached(
      await attempt({ email: user.email.toUpperCase(), password: FIXTURE_PASSWORD }),
    );
  });

  it('counts an unknown email as a known one (the limit tells nothing about which accounts exist)', async () => {
    const email = `nobody-${randomUUID()}@test.bio.re`;
    for (let i = 0; i < LIMIT; i++) expect((await attempt({ email, password: 'x' })).status).toBe(401);
    await expectAccountLimitReached(await attempt({ email, password: 'x' }));
  });

  it('blocks that account only: another logs in from the same addresses', async () => {
    const [target, other] = [await createUser(api.prisma), await createUser(api.prisma)];
    for (let i = 0; i < LIMIT; i++)
      await (await attempt({ email: target.email, password: 'x' })).arrayBuffer();
    expect((await attempt({ email: target.email, password: FIXTURE_PASSWORD })).status).toBe(429);
    expect((await attempt({ email: other.email, password: FIXTURE_PASSWORD })).status).toBe(200);
  });

  it('does not count a request that fails validation (no account named)', async () => {
    const user = await createUser(api.prisma);
    for (let i = 0; i < 2 * LIMIT; i++)
      expect((await attempt({ email: user.email, password: 42 })).status).toBe(400);
    expect((await attempt({ email: user.email, password: FIXTURE_PASSWORD })).status).toBe(200);
  });

  describeWithRedis('across instances sharing Redis', () => {
    let instances: TestApi[];
    // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
    beforeAll(async () => {
      const shared = { TRUST_PROXY: 'true', REDIS_KEY_PREFIX: `test-${randomUUID()}:` };
      instances = await Promise.all([startTestApi(shared), startTestApi(shared)]);
    });
    // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
    afterAll(() => Promise.all(instances.map((instance) => instance.close())));

    it('counts the attempts made on either instance together', async () => {
      const [a, b] = instances as [TestApi, TestApi];
      const user = await createUser(a.prisma);
      for (let i = 0; i < LIMIT; i++)
        expect((await attempt({ email: user.email, password: 'x' }, i % 2 ? a : b)).status).toBe(401);
      await expectAccountLimitReached(await attempt({ email: user.email, password: FIXTURE_PASSWORD }, a));
      await expectAccountLimitReached(await attempt({ email: user.email, password: FIXTURE_PASSWORD }, b));
    });
  });
});
