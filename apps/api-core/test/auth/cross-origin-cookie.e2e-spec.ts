import { accessTokenFor, createUser } from '../support/fixtures.js';
import { bearerRoutes, readEnvelope } from '../support/http.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const LOGOUT = '/api/v1/auth/logout';
const ALLOWED_ORIGIN = 'https://app.bio.re';
const WEB_APP_ORIGIN = 'https://payouts.bio.re';

/**
 * The login cookie goes with requests other pages make (SameSite=Strict lets another port or a subdomain through),
 * and a body-less POST needs no preflight: a cookie-authenticated request that a browser says came from another
 * origin is refused before anything runs, whatever the route. Bearer requests are unaffected.
 */
describe('cookie-authenticated requests from other origins', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ CORS_ORIGINS: ALLOWED_ORIGIN, APP_URL: WEB_APP_ORIGIN });
  });
  afterAll(() => api?.close());

  const cookie = (token: string) => ({ cookie: `access_token=${token}` });
  const call = (method: string, path: string, headers: Record<string, string>) =>
    fetch(api.origin + path, { method, headers });

  async function expectRefused(response: Response, where: string, language: 'en' | 'fr' = 'en') {
    expect(response.status, where).toBe(403);
    expect(response.headers.get('cache-control'), where).toBe('no-store');
    expect(await readEnvelope(response), where).toEqual({
      success: false,
      error: {
        code: 'CROSS_ORIGIN_REQUEST_REFUSED',
        message:
          language === 'fr'
            ? "Cette requête venait d'un autre site et a été refusée. Passez par l'application."
            : 'This request came from another site and was refused. Use the app itself.',
        i18nKey: 'auth.cross_origin_request',
        correlationId: response.headers.get('x-correlation-id'),
      },
    });
  }

  /** Let through: the caller (a fan) reaches the route, which answers not_creator. */
  async function expectLetThrough(response: Response, where: string) {
    expect(response.status, where).toBe(404);
    expect((await readEnvelope(response)).error?.code, where).toBe('creator.stripe.not_creator');
  }

  const otherPort = () => `http://127.0.0.1:${Number(new URL(api.origin).port) + 1}`;

  it.each<[string, () => Record<string, string>]>([
    ['another site', () => ({ origin: 'https://evil.example.test' })],
    ['another port of the same host (same site)', () => ({ origin: otherPort() })],
    ['a sandboxed page or a redirect (Origin: null)', () => ({ origin: 'null' })],
    ['no Origin, Sec-Fetch-Site: same-site', () => ({ 'sec-fetch-site': 'same-site' })],
    ['no Origin, Sec-Fetch-Site: cross-site', () => ({ 'sec-fetch-site': 'cross-site' })],
  ])('%s: 403 on every cookie-authenticated route', async (_case, headers) => {
    const fan = await createUser(api.prisma);
    const routes = await bearerRoutes(api.origin);
    expect(routes.map(({ path }) => path)).toEqual(expect.arrayContaining([DASHBOARD_LINK, LOGOUT]));
    for (const route of routes) {
      const response = await call(route.method, route.path, {
        ...cookie(accessTokenFor(fan.id)),
        ...headers(),
      });
      await expectRefused(response, `${route.method} ${route.path}`);
    }
  });

  it('says so in French too', async () => {
    const fan = await createUser(api.prisma);
    const response = await call('POST', DASHBOARD_LINK, {
      ...cookie(accessTokenFor(fan.id)),
      origin: 'https://evil.example.test',
      'accept-language': 'fr',
    });
    await expectRefused(response, DASHBOARD_LINK, 'fr');
  });

  it.each<[string, () => Record<string, string>]>([
    ['our own origin', () => ({ origin: api.origin, 'sec-fetch-site': 'same-origin' })],
    ['a CORS_ORIGINS origin', () => ({ origin: ALLOWED_ORIGIN, 'sec-fetch-site': 'same-site' })],
    // A proxy serving page and API on one origin (Vite's) may forward the page's requests under the API's host.
    ['the web app (APP_URL)', () => ({ origin: WEB_APP_ORIGIN, 'sec-fetch-site': 'same-origin' })],
    ['no Origin, Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
    ['no Origin, Sec-Fetch-Site: none (typed, bookmarked)', () => ({ 'sec-fetch-site': 'none' })],
    ['neither header (curl, a server)', () => ({})],
  ])('%s: let through', async (_case, headers) => {
    const fan = await createUser(api.prisma);
    await expectLetThrough(
      await call('POST', DASHBOARD_LINK, { ...cookie(accessTokenFor(fan.id)), ...headers() }),
      DASHBOARD_LINK,
    );
  });

  it('bearer requests are unaffected, from any origin, with or without a cookie', async () => {
    const fan = await createUser(api.prisma);
    const token = accessTokenFor(fan.id);
    const evil = { origin: 'https://evil.example.test', 'sec-fetch-site': 'cross-site' };
    await expectLetThrough(
      await call('POST', DASHBOARD_LINK, { authorization: `Bearer ${token}`, ...evil }),
      'bearer',
    );
    await expectLetThrough(
      await call('POST', DASHBOARD_LINK, { authorization: `Bearer ${token}`, ...cookie(token), ...evil }),
      'bearer and cookie',
    );
  });

  it('refused requests cost the user nothing: neither their quota nor their session', async () => {
    const fan = await createUser(api.prisma);
    const token = accessTokenFor(fan.id);
    for (let i = 0; i < 12; i++) {
      const response = await call('POST', DASHBOARD_LINK, { ...cookie(token), origin: otherPort() });
      expect(response.status).toBe(403);
    }
    expect((await call('POST', LOGOUT, { ...cookie(token), origin: otherPort() })).status).toBe(403);
    const own = await call('POST', DASHBOARD_LINK, { ...cookie(token), origin: api.origin });
    expect(own.headers.get('x-ratelimit-remaining')).toBe('9');
    await expectLetThrough(own, 'after the refusals');
  });
});
