import { createUser, FIXTURE_PASSWORD, type UserFixture } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const LOGOUT = '/api/v1/auth/logout';
const LOGOUT_EVERYWHERE = '/api/v1/auth/logout-all';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
// Plain-http loopback: the cookie is not Secure here (login.e2e-spec.ts checks both cases).
const CLEARED_COOKIE = 'access_token=; Max-Age=0; Path=/api; HttpOnly; SameSite=Strict';
const SIGNED_OUT = { success: true, data: { loggedOut: true } };

describe('sign-out', () => {
  let api: TestApi;
  let clients = 0;

  beforeAll(async () => {
    // Loopback is the trusted proxy, so each sign-in comes from an address of its own (no login limit reached).
    api = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => api?.close());

  async function signIn(user: UserFixture, target: TestApi = api): Promise<string> {
    clients += 1;
    const response = await fetch(target.origin + LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.14.${clients % 250}.1` },
      body: JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return (await readEnvelope(response)).data.accessToken;
  }

  const post = (path: string, headers: Record<string, string>, target: TestApi = api) =>
    fetch(target.origin + path, { method: 'POST', headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const cookie = (token: string) => ({ cookie: `access_token=${token}` });

  /** Signed in and accepted: the user (a fan) is told apart from a refusal by the route's own 404. */
  async function expectAccepted(response: Response) {
    expect(response.status).toBe(404);
    expect((await readEnvelope(response)).error?.code).toBe('creator.stripe.not_creator');
  }

  async function expectRevoked(response: Response) {
    expect(response.status).toBe(401);
    expect(await readEnvelope(response)).toEqual({
      success: false,
      error: {
        code: 'AUTH_UNAUTHORIZED',
        message: 'This session has been signed out. Sign in again.',
        i18nKey: 'auth.token.revoked',
        correlationId: response.headers.get('x-correlation-id'),
      },
    });
  }

  async function expectSignedOut(response: Response) {
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([CLEARED_COOKIE]);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await readEnvelope(response)).toEqual(SIGNED_OUT);
  }

  describe('POST /api/v1/auth/logout', () => {
    it('with the bearer header: 200 loggedOut, the cookie cleared, the token refused from then on, however sent', async () => {
      const token = await signIn(await createUser(api.prisma));
      await expectAccepted(await post(DASHBOARD_LINK, bearer(token)));
      await expectSignedOut(await post(LOGOUT, bearer(token)));
      await expectRevoked(await post(DASHBOARD_LINK, bearer(token)));
      await expectRevoked(await post(DASHBOARD_LINK, cookie(token)));
      await expectRevoked(await post(LOGOUT, bearer(token)));
    });

    it('with the cookie alone, as the page signs out', async () => {
      const token = await signIn(await createUser(api.prisma));
      await expectSignedOut(await post(LOGOUT, cookie(token)));
      await expectRevoked(await post(DASHBOARD_LINK, cookie(token)));
    });

    it('signs out that token only: the same user’s other sessions carry on', async () => {
      const user = await createUser(api.prisma);
      const [laptop, phone] = [await signIn(user), await signIn(user)];
      await expectSignedOut(await post(LOGOUT, bearer(laptop)));
      await expectRevoked(await post(DASHBOARD_LINK, bearer(laptop)));
      await expectAccepted(await post(DASHBOARD_LINK, bearer(phone)));
    });

    it('holds on every instance at once', async () => {
      const other = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
      try {
        const token = await signIn(await createUser(api.prisma));
        await expectAccepted(await post(DASHBOARD_LINK, bearer(token), other));
        await expectSignedOut(await post(LOGOUT, bearer(token)));
        await expectRevoked(await post(DASHBOARD_LINK, bearer(token), other));
      } finally {
        await other.close();
      }
    });

    it('needs a token (401 auth.token.missing) and counts per user like any limited route', async () => {
      const anonymous = await post(LOGOUT, {});
      expect(anonymous.status).toBe(401);
      expect((await readEnvelope(anonymous)).error?.i18nKey).toBe('auth.token.missing');
      expect(anonymous.headers.getSetCookie()).toEqual([]);
      const signedOut = await post(LOGOUT, bearer(await signIn(await createUser(api.prisma))));
      expect(signedOut.headers.get('x-ratelimit-limit')).toBe('30');
      expect(signedOut.headers.get('x-ratelimit-remaining')).toBe('29');
    });

    it('remembers the token until it expires, and forgets revocations past their expiry on the way', async () => {
      const user = await createUser(api.prisma);
      const expired = {
        tokenDigest: `expired-${user.id}`,
        userId: user.id,
        expiresAt: new Date(Date.now() - 1_000),
      };
      await api.prisma.revokedAccessToken.create({ data: expired });
      const token = await signIn(user);
      await expectSignedOut(await post(LOGOUT, bearer(token)));
      const kept = await api.prisma.revokedAccessToken.findMany({ where: { userId: user.id } });
      expect(kept).toHaveLength(1);
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        exp: number;
      };
      expect(kept[0]?.expiresAt.getTime()).toBe(exp * 1_000);
    });
  });

  describe('POST /api/v1/auth/logout-all', () => {
    it('refuses every token the user was issued, the one used included, and clears the cookie; signing in again works', async () => {
      const user = await createUser(api.prisma);
      const tokens = [await signIn(user), await signIn(user), await signIn(user)];
      await expectSignedOut(await post(LOGOUT_EVERYWHERE, cookie(tokens[0] ?? '')));
      for (const token of tokens) await expectRevoked(await post(DASHBOARD_LINK, bearer(token)));
      await expectAccepted(await post(DASHBOARD_LINK, bearer(await signIn(user))));
    });

    it('leaves other users alone', async () => {
      const [user, other] = [await createUser(api.prisma), await createUser(api.prisma)];
      const otherToken = await signIn(other);
      await expectSignedOut(await post(LOGOUT_EVERYWHERE, bearer(await signIn(user))));
      await expectAccepted(await post(DASHBOARD_LINK, bearer(otherToken)));
    });
  });
});
