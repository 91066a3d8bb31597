import { createUser, FIXTURE_PASSWORD } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const ALLOWED = ['https://app.bio.re', 'http://localhost:5173'];
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};
const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
];

function securityHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers.get(name)]));
}

function corsHeadersOf(response: Response): Record<string, string> {
  return Object.fromEntries(
    CORS_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
}

const json = { 'content-type': 'application/json' };

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ TRUST_PROXY: 'true' });
  });
  afterAll(() => api?.close());

  /** One of each kind of answer: successes and every family of refusal, Nest's and the edge's. */
  async function everyKindOfAnswer(): Promise<Array<[string, Response]>> {
    const user = await createUser(api.prisma);
    const login = (body: string, headers: Record<string, string> = json) =>
      fetch(api.origin + LOGIN, {
        method: 'POST',
        headers: { ...headers, 'x-forwarded-for': '192.0.2.1' },
        body,
      });
    return [
      ['health 200', await fetch(`${api.origin}/health/live`)],
      ['login 200', await login(JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }))],
      ['login 401', await login(JSON.stringify({ email: user.email, password: 'wrong' }))],
      ['login 400', await login('{"email":')],
      ['login 413', await login(`"${'x'.repeat(20_000)}"`)],
      ['login 415', await login('email=x', { 'content-type': 'text/plain' })],
      ['dashboard-link 401', await fetch(api.origin + DASHBOARD_LINK, { method: 'POST' })],
      ['unknown route 404', await fetch(`${api.origin}/api/v1/nope`)],
      ['undecodable path 404', await fetch(`${api.origin}/api/v1/%ff`)],
      ['OpenAPI document', await fetch(`${api.origin}/docs-json`)],
      [
        'redirect route 302 (a bad state lands on the page)',
        await fetch(`${api.origin}/api/v1/creators/stripe-connect/onboarding/return?state=x`, {
          redirect: 'manual',
        }),
      ],
    ];
  }

  it('on every API answer, error or not: the security headers and a CSP that loads nothing', async () => {
    const answers = await everyKindOfAnswer();
    expect(new Set(answers.map(([, response]) => response.status))).toEqual(
      new Set([200, 302, 400, 401, 404, 413, 415]),
    );
    for (const [name, response] of answers) {
      expect(securityHeadersOf(response), name).toEqual(SECURITY_HEADERS);
      expect(response.headers.get('content-security-policy'), name).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-powered-by'), name).toBeNull();
      await response.arrayBuffer();
    }
  });

  it('on Swagger UI, its page and assets: the same, but no CSP, so the page still runs its scripts', async () => {
    const page = await fetch(`${api.origin}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:href|src)="([^"]+\.(?:css|js))"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const response of [
      page,
      ...(await Promise.all(assets.map((a) => fetch(new URL(a, `${api.origin}/docs`))))),
    ]) {
      expect(response.status, response.url).toBe(200);
      expect(securityHeadersOf(response), response.url).toEqual(SECURITY_HEADERS);
      expect(response.headers.get('content-security-policy'), response.url).toBeNull();
      await response.arrayBuffer().catch(() => undefined);
    }
  });
});

describe('CORS', () => {
  describe('with no CORS_ORIGINS (the default): same-origin only', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ CORS_ORIGINS: undefined });
    });
    afterAll(() => api?.close());

    it('gives no CORS header to any origin, and refuses its preflight with the 404 envelope', async () => {
      const origin = ALLOWED[0] ?? '';
      const simple = await fetch(`${api.origin}/health/live`, { headers: { origin } });
      expect(simple.status).toBe(200);
      expect(corsHeadersOf(simple)).toEqual({});
      const preflight = await fetch(api.origin + LOGIN, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(404);
      expect(corsHeadersOf(preflight)).toEqual({});
      expect((await readEnvelope(preflight)).error?.code).toBe('NOT_FOUND');
    });
  });

  describe('with CORS_ORIGINS', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ CORS_ORIGINS: ALLOWED.join(','), TRUST_PROXY: 'true' });
    });
    afterAll(() => api?.close());

    const preflight = (path: string, origin: string, headers: Record<string, string> = {}) =>
      fetch(api.origin + path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', ...headers },
      });

    it.each(ALLOWED)(
      'answers the preflight of %s: 204, the methods and headers it may send, its credentials',
      async (origin) => {
        for (const path of [LOGIN, DASHBOARD_LINK]) {
          const response = await preflight(path, origin, {
            'access-control-request-headers': 'authorization,content-type,accept-language,x-correlation-id',
          });
          expect(response.status, path).toBe(204);
          expect(await response.text()).toBe('');
          expect(corsHeadersOf(response)).toEqual({
            'access-control-allow-origin': origin,
            'access-control-allow-credentials': 'true',
            'access-control-allow-methods': 'GET, HEAD, POST',
            'access-control-allow-headers': 'Authorization, Content-Type, Accept-Language, X-Correlation-Id',
            'access-control-expose-headers':
              'X-Correlation-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
            'access-control-max-age': '600',
          });
          expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
          expect(securityHeadersOf(response)).toEqual(SECURITY_HEADERS);
          expect(response.headers.get('x-correlation-id')).toBeTruthy();
        }
      },
    );

    it('lets an allowed origin read answers, errors and 429s included, with the headers it needs exposed', async () => {
      const origin = ALLOWED[0] ?? '';
      const user = await createUser(api.prisma);
      const login = (password: string) =>
        fetch(api.origin + LOGIN, {
          method: 'POST',
          headers: { ...json, origin, 'x-forwarded-for': '192.0.2.77' },
          body: JSON.stringify({ email: user.email, password }),
        });
      const answers = [
        await login(FIXTURE_PASSWORD),
        await fetch(api.origin + DASHBOARD_LINK, { method: 'POST', headers: { origin } }),
      ];
      for (let i = 0; i < 10; i++) answers.push(await login('wrong'));
      expect(answers.map((response) => response.status)).toEqual([200, 401, ...Array(9).fill(401), 429]);
      for (const response of answers) {
        expect(corsHeadersOf(response)).toEqual({
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers':
            'X-Correlation-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
        });
        expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
        await response.arrayBuffer();
      }
    });

    it.each([
      ['another site', 'https://evil.example'],
      ['a look-alike host', 'https://app.bio.re.evil.example'],
      ['the allowed host over http', 'http://app.bio.re'],
      ['the allowed host on another port', 'https://app.bio.re:8443'],
      ['the allowed host with a trailing slash', 'https://app.bio.re/'],
      ['an opaque origin', 'null'],
      ['garbage', 'not an origin'],
    ])('gives %s no CORS header, and refuses its preflight with the 404 envelope', async (_case, origin) => {
      const simple = await fetch(`${api.origin}/health/live`, { headers: { origin } });
      expect(simple.status).toBe(200);
      expect(corsHeadersOf(simple)).toEqual({});
      // Still varies by Origin: a shared cache must not hand this answer to an allowed origin, or the reverse.
      expect(simple.headers.get('vary')).toMatch(/\bOrigin\b/);
      const refused = await preflight(LOGIN, origin);
      expect(refused.status).toBe(404);
      expect(corsHeadersOf(refused)).toEqual({});
      expect(securityHeadersOf(refused)).toEqual(SECURITY_HEADERS);
      const body = await readEnvelope(refused);
      expect(body.error).toMatchObject({
        code: 'NOT_FOUND',
        correlationId: refused.headers.get('x-correlation-id'),
      });
    });

    it('an OPTIONS without Access-Control-Request-Method is no preflight: the 404 envelope, with CORS headers', async () => {
      const origin = ALLOWED[0] ?? '';
      const response = await fetch(api.origin + LOGIN, { method: 'OPTIONS', headers: { origin } });
      expect(response.status).toBe(404);
      expect(corsHeadersOf(response)['access-control-allow-origin']).toBe(origin);
      expect((await readEnvelope(response)).error?.code).toBe('NOT_FOUND');
    });
  });
});
