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

/**
 * Brute force on one account stays bounded from one address or many, and no one can use the limits to lock its owner
 * out: 10 attempts per account and address (an IPv6 /64 is one address) per 15 minutes, and 50 a day per account
 * from addresses it has not signed in from lately, which never counts the owner's own.
 */
describe('login limits per account: bounded brute force, no lock-out button', () => {
  const PER_ACCOUNT_AND_ADDRESS = { limit: 10, windowSeconds: 900 };
  const FROM_NEW_ADDRESSES = { limit: 50, windowSeconds: 86_400 };
  let api: TestApi;
  let clients = 0;

  beforeAll(async () => {
    // Every X-Forwarded-For believed: each attempt can come from an address of its own, as a botnet's would.
    api = await startTestApi({ TRUST_PROXY: 'true' });
  });
  afterAll(() => api?.close());

  function freshAddress(): string {
    clients += 1;
    return `203.0.${Math.floor(clients / 250)}.${clients % 250}`;
  }

  function attempt(body: object, address = freshAddress(), target: TestApi = api): Promise<Response> {
    return fetch(target.origin + LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  }

  /** `count` attempts, each expected to get `status`; the answer says which one did not. */
  async function attempts(count: number, body: () => object, address: () => string, status: number) {
    for (let i = 1; i <= count; i++) {
      const response = await attempt(body(), address());
      expect(response.status, `attempt ${i}: ${await response.text()}`).toBe(status);
    }
  }

  async function expectLimitReached(
    response: Response,
    { limit, windowSeconds }: { limit: number; windowSeconds: number },
  ) {
    expect(response.status).toBe(429);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(windowSeconds - 60);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(response.headers.get('x-ratelimit-limit')).toBe(String(limit));
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

  const wrong = (email: string) => () => ({ email, password: 'wrong-password' });
  const right = (email: string) => ({ email, password: FIXTURE_PASSWORD });

  it('from one address: the 11th attempt on an account is refused, right password or not, however the email is written', async () => {
    const user = await createUser(api.prisma);
    const [local = '', domain = ''] = user.email.split('@');
    const spellings = [user.email, user.email.toUpperCase(), `${local}@${domain.toUpperCase()}`];
    const address = freshAddress();
    let i = 0;
    await attempts(
      PER_ACCOUNT_AND_ADDRESS.limit,
      () => ({ email: spellings[i++ % spellings.length], password: 'wrong-password' }),
      () => address,
      401,
    );
    await expectLimitReached(await attempt(right(user.email), address), PER_ACCOUNT_AND_ADDRESS);
    // That pair only: the address may sign in to another account, the account from another address.
    const other = await createUser(api.prisma);
    expect((await attempt(right(other.email), address)).status).toBe(200);
    expect((await attempt(right(user.email))).status).toBe(200);
  });

  it('an IPv6 client rotating through its /64 is one address', async () => {
    const user = await createUser(api.prisma);
    clients += 1;
    const slash64 = `2001:db8:14:${clients}`;
    let host = 0;
    const sameSlash64 = () => `${slash64}::${(host++).toString(16)}`;
    await attempts(PER_ACCOUNT_AND_ADDRESS.limit, wrong(user.email), sameSlash64, 401);
    await expectLimitReached(await attempt(right(user.email), sameSlash64()), PER_ACCOUNT_AND_ADDRESS);
  });

  it('from rotating addresses: 50 attempts a day on an account from addresses it never signed in from, then 429 from any new one', async () => {
    const user = await createUser(api.prisma);
    await attempts(FROM_NEW_ADDRESSES.limit, wrong(user.email), freshAddress, 401);
    await expectLimitReached(await attempt(right(user.email)), FROM_NEW_ADDRESSES);
    await expectLimitReached(await attempt(right(user.email.toUpperCase())), FROM_NEW_ADDRESSES);
  });

  it('rotating addresses cannot lock out the owner signing in from their own address', async () => {
    const owner = await createUser(api.prisma);
    const home = freshAddress();
    expect((await attempt(right(owner.email), home)).status).toBe(200);

    // The owner's first sign-in from home was from a new address too: one of the fifty.
    await attempts(FROM_NEW_ADDRESSES.limit - 1, wrong(owner.email), freshAddress, 401);
    await expectLimitReached(await attempt(wrong(owner.email)()), FROM_NEW_ADDRESSES);

    // Home still gets the owner in, and a typo there is an ordinary 401, not a lock.
    expect((await attempt(wrong(owner.email)(), home)).status).toBe(401);
    expect((await attempt(right(owner.email), home)).status).toBe(200);
    expect((await attempt(right(owner.email), home)).status).toBe(200);
  });

  it('only a successful sign-in makes an address the owner’s: failing from it counts towards the ceiling', async () => {
    const user = await createUser(api.prisma);
    const trying = freshAddress();
    await attempts(5, wrong(user.email), () => trying, 401);
    await attempts(FROM_NEW_ADDRESSES.limit - 5, wrong(user.email), freshAddress, 401);
    await expectLimitReached(await attempt(right(user.email), trying), FROM_NEW_ADDRESSES);
  });

  it('counts an unknown email as a known one (the limits tell nothing about which accounts exist)', async () => {
    const email = `nobody-${randomUUID()}@test.bio.re`;
    const address = freshAddress();
    await attempts(PER_ACCOUNT_AND_ADDRESS.limit, wrong(email), () => address, 401);
    await expectLimitReached(await attempt(wrong(email)(), address), PER_ACCOUNT_AND_ADDRESS);
    await attempts(FROM_NEW_ADDRESSES.limit - PER_ACCOUNT_AND_ADDRESS.limit, wrong(email), freshAddress, 401);
    await expectLimitReached(await attempt(wrong(email)()), FROM_NEW_ADDRESSES);
  });

  it('does not count a request that fails validation (no account named)', async () => {
    const user = await createUser(api.prisma);
    const address = freshAddress();
    // More than the account's limit from one address, fewer than the address's own (20, counted by the route).
    for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS.limit + 5; i++)
      expect((await attempt({ email: user.email, password: 42 }, address)).status).toBe(400);
    expect((await attempt(right(user.email), address)).status).toBe(200);
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
      const address = freshAddress();
      for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS.limit; i++)
        expect((await attempt(wrong(user.email)(), address, i % 2 ? a : b)).status).toBe(401);
      await expectLimitReached(await attempt(right(user.email), address, a), PER_ACCOUNT_AND_ADDRESS);
      await expectLimitReached(await attempt(right(user.email), address, b), PER_ACCOUNT_AND_ADDRESS);
      for (let i = PER_ACCOUNT_AND_ADDRESS.limit; i < FROM_NEW_ADDRESSES.limit; i++)
        expect((await attempt(wrong(user.email)(), freshAddress(), i % 2 ? a : b)).status).toBe(401);
      await expectLimitReached(await attempt(right(user.email), freshAddress(), a), FROM_NEW_ADDRESSES);
      await expectLimitReached(await attempt(right(user.email), freshAddress(), b), FROM_NEW_ADDRESSES);
    });
  });
});
