import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { accessTokenFor, createUser, FIXTURE_PASSWORD, type UserFixture } from '../support/fixtures.js';
import { bearerRoutes, readEnvelope } from '../support/http.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestApi, TEST_JWT, type TestApi } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const TTL_SECONDS = 3_600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const base64url = (value: object | string | Buffer) =>
  Buffer.from(typeof value === 'object' && !Buffer.isBuffer(value) ? JSON.stringify(value) : value).toString(
    'base64url',
  );

/** The claims login would issue for a user, to hand-build tokens the library would refuse to sign. */
function claimsFor(userId: string) {
  const now = Math.floor(Date.now() / 1_000);
  return { sub: userId, iss: TEST_JWT.issuer, aud: TEST_JWT.audience, iat: now, exp: now + 600 };
}

function hmacSigned(header: object, payload: object, secret = TEST_JWT.secret): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

describe('POST /api/v1/auth/login', () => {
  let api: TestApi;
  let clients = 0;

  beforeAll(async () => {
    // Loopback is the trusted proxy, so each test logs in from an X-Forwarded-For address of its own and spends
    // its own share of the per-address login limit.
    api = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => api?.close());

  function newClientAddress(): string {
    clients += 1;
    return `10.${Math.floor(clients / 250)}.${clients % 250}.1`;
  }

  function login(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(api.origin + LOGIN, {
      method: 'POST',
      headers: {
        'x-forwarded-for': newClientAddress(),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function postDashboardLink(headers: Record<string, string>): Promise<Response> {
    return fetch(api.origin + DASHBOARD_LINK, { method: 'POST', headers });
  }

  async function loggedIn(user: UserFixture): Promise<string> {
    const response = await login({ email: user.email, password: FIXTURE_PASSWORD });
    expect(response.status).toBe(200);
    return (await readEnvelope(response)).data.accessToken;
  }

  /** Authenticated is told apart from refused by the next check along: a fan is `not_creator` (404). */
  async function expectAuthenticated(response: Response) {
    expect(response.status).toBe(404);
    expect((await readEnvelope(response)).error?.code).toBe('creator.stripe.not_creator');
  }

  describe('success', () => {
    it('answers 200 with the token, its type and lifetime, uncached', async () => {
      const user = await createUser(api.prisma);
      const response = await login({ email: user.email, password: FIXTURE_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-correlation-id')).toMatch(UUID);
      expect(await readEnvelope(response)).toEqual({
        success: true,
        data: {
          accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
          tokenType: 'Bearer',
          expiresIn: TTL_SECONDS,
        },
      });
    });

    it('sets the token as the access_token cookie: HttpOnly, SameSite=Strict, Path=/api, same lifetime', async () => {
      const user = await createUser(api.prisma);
      const response = await login({ email: user.email, password: FIXTURE_PASSWORD });
      const { accessToken } = (await readEnvelope(response)).data;
      expect(response.headers.getSetCookie()).toEqual([
        `access_token=${accessToken}; Max-Age=${TTL_SECONDS}; Path=/api; HttpOnly; SameSite=Strict`,
      ]);
    });

    it('issues an HS256 token naming the user, our issuer and audience, its own id and token version, with nothing else in it', async () => {
      const user = await createUser(api.prisma);
      const token = await loggedIn(user);
      const decoded = jwt.decode(token, { complete: true });
      expect(decoded?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = decoded?.payload as jwt.JwtPayload;
      expect(claims).toEqual({
        ver: 0,
        jti: expect.stringMatching(UUID),
        sub: user.id,
        iss: TEST_JWT.issuer,
        aud: TEST_JWT.audience,
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(TTL_SECONDS);
      expect(Math.abs((claims.iat ?? 0) - Date.now() / 1_000)).toBeLessThan(30);
      expect(() =>
        jwt.verify(token, TEST_JWT.secret, {
          algorithms: ['HS256'],
          issuer: TEST_JWT.issuer,
          audience: TEST_JWT.audience,
        }),
      ).not.toThrow();
    });

    it('treats the email case-insensitively', async () => {
      const user = await createUser(api.prisma);
      const [local = '', domain = ''] = user.email.split('@');
      for (const email of [user.email.toUpperCase(), `${local}@${domain.toUpperCase()}`]) {
        const response = await login({ email, password: FIXTURE_PASSWORD });
        expect(response.status).toBe(200);
        expect(jwt.decode((await readEnvelope(response)).data.accessToken)?.sub).toBe(user.id);
      }
    });

    it('checks the password exactly (case and whitespace matter)', async () => {
      const user = await createUser(api.prisma);
      for (const password of [
        FIXTURE_PASSWORD.toUpperCase(),
        ` ${FIXTURE_PASSWORD}`,
        `${FIXTURE_PASSWORD} `,
      ]) {
        expect((await login({ email: user.email, password })).status).toBe(401);
      }
    });
  });

  describe('the cookie is Secure except on plain-http loopback', () => {
    async function cookieFor(headers: Record<string, string>): Promise<string> {
      const user = await createUser(api.prisma);
      const response = await rawRequest(api.origin, {
        method: 'POST',
        path: LOGIN,
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': newClientAddress(),
          ...headers,
        },
        body: JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }),
      });
      expect(response.status).toBe(200);
      const cookies = response.headers['set-cookie'] ?? [];
      expect(cookies).toHaveLength(1);
      return cookies[0] ?? '';
    }

    const port = () => new URL(api.origin).port;

    it.each([
      ['127.0.0.1', () => `127.0.0.1:${port()}`],
      ['localhost', () => `localhost:${port()}`],
      ['[::1]', () => `[::1]:${port()}`],
    ])('no Secure for Host %s over http', async (_name, host) => {
      const cookie = await cookieFor({ host: host() });
      expect(cookie).toMatch(/^access_token=[\w.-]+; Max-Age=3600; Path=\/api; HttpOnly; SameSite=Strict$/);
    });

    it.each([
      ['a public Host', { host: 'api.example.test' }],
      ['a public Host with a port', { host: 'api.example.test:8443' }],
      ['a Host that only starts like loopback', { host: 'localhost.example.test' }],
      ['https through the trusted proxy', { 'x-forwarded-proto': 'https' }],
      ['a public name through the trusted proxy', { 'x-forwarded-host': 'api.example.test' }],
    ])('Secure for %s', async (_case, headers: Record<string, string>) => {
      const cookie = await cookieFor(headers);
      expect(cookie).toMatch(
        /^access_token=[\w.-]+; Max-Age=3600; Path=\/api; HttpOnly; SameSite=Strict; Secure$/,
      );
    });
  });

  describe('the issued token on a guarded route', () => {
    it('works as a bearer header', async () => {
      const token = await loggedIn(await createUser(api.prisma));
      await expectAuthenticated(await postDashboardLink({ authorization: `Bearer ${token}` }));
    });

    it('works as the cookie alone, as the seed React Query hook sends it', async () => {
      const token = await loggedIn(await createUser(api.prisma));
      await expectAuthenticated(await postDashboardLink({ cookie: `access_token=${token}` }));
      await expectAuthenticated(
        await postDashboardLink({ cookie: `theme=dark; access_token=${token}; other=1` }),
      );
    });

    it('a valid header wins over a garbage cookie', async () => {
      const token = await loggedIn(await createUser(api.prisma));
      await expectAuthenticated(
        await postDashboardLink({ authorization: `Bearer ${token}`, cookie: 'access_token=garbage' }),
      );
    });

    it('a garbage header wins over a valid cookie: 401', async () => {
      const token = await loggedIn(await createUser(api.prisma));
      const response = await postDashboardLink({
        authorization: 'Bearer garbage',
        cookie: `access_token=${token}`,
      });
      expect(response.status).toBe(401);
      expect((await readEnvelope(response)).error?.i18nKey).toBe('auth.token.invalid');
    });

    it('a cookie of another name is no token', async () => {
      const token = await loggedIn(await createUser(api.prisma));
      const response = await postDashboardLink({ cookie: `not_access_token=${token}` });
      expect(response.status).toBe(401);
      expect((await readEnvelope(response)).error?.i18nKey).toBe('auth.token.missing');
    });
  });

  describe('bad credentials', () => {
    const invalidCredentials = (correlationId: string | null) => ({
      success: false,
      error: {
        code: 'AUTH_UNAUTHORIZED',
        message: 'Invalid email or password.',
        i18nKey: 'auth.login.invalid_credentials',
        correlationId,
      },
    });

    it('unknown email and wrong password get the identical 401 but for the correlation id, and no cookie', async () => {
      const user = await createUser(api.prisma);
      const unknown = await login({
        email: `nobody-${randomUUID()}@test.bio.re`,
        password: FIXTURE_PASSWORD,
      });
      const wrong = await login({ email: user.email, password: 'not-the-password' });
      for (const response of [unknown, wrong]) {
        expect(response.status).toBe(401);
        expect(response.headers.getSetCookie()).toEqual([]);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await readEnvelope(response)).toEqual(
          invalidCredentials(response.headers.get('x-correlation-id')),
        );
      }
    });

    it('unknown email and wrong password take the same order of time (the hash check runs for both)', async () => {
      const timed = async (body: object) => {
        const startedAt = performance.now();
        const response = await login(body);
        await response.arrayBuffer();
        expect(response.status).toBe(401);
        return performance.now() - startedAt;
      };
      const unknown = () => timed({ email: `nobody-${randomUUID()}@test.bio.re`, password: 'x' });
      // A user each time: eleven wrong passwords for one account would reach its own limit.
      const wrong = async () =>
        timed({ email: (await createUser(api.prisma)).email, password: 'not-the-password' });
      await unknown();
      await wrong();
      const unknownMs: number[] = [];
      const wrongMs: number[] = [];
      for (let i = 0; i < 10; i++) {
        unknownMs.push(await unknown());
        wrongMs.push(await wrong());
      }
      const median = (values: number[]) =>
        [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const ratio = median(unknownMs) / median(wrongMs);
      expect(ratio, `unknown ${median(unknownMs)} ms vs wrong ${median(wrongMs)} ms`).toBeGreaterThan(0.5);
      expect(ratio, `unknown ${median(unknownMs)} ms vs wrong ${median(wrongMs)} ms`).toBeLessThan(2);
    });
  });

  describe('validation: 400 VALIDATION_FAILED, one detail per problem', () => {
    const EMAIL_MISSING = { field: 'email', message: 'email must be an email' };
    const PASSWORD_MISSING = { field: 'password', message: 'password must be a string' };
    const NOT_AN_OBJECT = { message: 'Body must be a JSON object' };

    it.each<[string, unknown, object[]]>([
      ['no body at all', undefined, [EMAIL_MISSING, PASSWORD_MISSING]],
      ['an empty object', {}, [EMAIL_MISSING, PASSWORD_MISSING]],
      ['an invalid email', { email: 'not-an-email', password: 'x' }, [EMAIL_MISSING]],
      ['no password', { email: 'someone@test.bio.re' }, [PASSWORD_MISSING]],
      [
        'an empty password',
        { email: 'someone@test.bio.re', password: '' },
        [{ field: 'password', message: 'password must be longer than or equal to 1 characters' }],
      ],
      [
        'a password over 256 characters',
        { email: 'someone@test.bio.re', password: 'x'.repeat(257) },
        [{ field: 'password', message: 'password must be shorter than or equal to 256 characters' }],
      ],
      ['fields of the wrong type', { email: 42, password: 42 }, [EMAIL_MISSING, PASSWORD_MISSING]],
      [
        'an unknown extra property',
        { email: 'someone@test.bio.re', password: 'x', isAdmin: true },
        [{ field: 'isAdmin', message: 'property isAdmin should not exist' }],
      ],
      ['an array body', '[{"email":"someone@test.bio.re","password":"x"}]', [NOT_AN_OBJECT]],
      ['an empty array body', '[]', [NOT_AN_OBJECT]],
      ['a JSON string body', '"someone@test.bio.re"', [NOT_AN_OBJECT]],
      ['a JSON number body', '42', [NOT_AN_OBJECT]],
      ['a JSON null body', 'null', [NOT_AN_OBJECT]],
      [
        'an email with a lone surrogate',
        '{"email":"a\\ud800@b.c","password":"x"}',
        [{ field: 'email', message: 'email must be well-formed Unicode text' }],
      ],
      [
        'a lone surrogate in both fields',
        '{"email":"someone@test.bio.re\\udc00","password":"\\ud83dx"}',
        [
          { field: 'email', message: 'email must be well-formed Unicode text' },
          { field: 'password', message: 'password must be well-formed Unicode text' },
        ],
      ],
    ])('%s', async (_case, body, details) => {
      const response = await login(body);
      expect(response.status).toBe(400);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await readEnvelope(response)).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is invalid.',
          i18nKey: 'common.validation_failed',
          details,
          correlationId: response.headers.get('x-correlation-id'),
        },
      });
    });

    it.each([
      ['truncated JSON', '{"email":'],
      ['not JSON at all', 'email=someone@test.bio.re'],
      ['JSON with a trailing comma', '{"email":"someone@test.bio.re","password":"x",}'],
    ])('a body that is %s: one detail saying it is not valid JSON', async (_case, body) => {
      const response = await login(body);
      expect(response.status).toBe(400);
      const { error } = await readEnvelope(response);
      expect(error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'The request is invalid.',
        i18nKey: 'common.validation_failed',
        details: [{ message: 'Body is not valid JSON' }],
        correlationId: response.headers.get('x-correlation-id'),
      });
    });

    it('never quotes a malformed body back (it may hold the password)', async () => {
      for (const body of ['hunter2', '{"password":"hunter2",}', '{"password":"hunter2"']) {
        const response = await login(body);
        expect(response.status).toBe(400);
        expect(await response.text()).not.toContain('hunter2');
      }
    });

    it.each([
      [
        'form-encoded',
        'application/x-www-form-urlencoded',
        `email=a%40test.bio.re&password=${FIXTURE_PASSWORD}`,
      ],
      ['text/plain', 'text/plain', JSON.stringify({ email: 'a@test.bio.re', password: FIXTURE_PASSWORD })],
      [
        'multipart',
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
      ],
      ['without a content type', '', '{}'],
    ])(
      'a %s body: 415 UNSUPPORTED_MEDIA_TYPE envelope, never logged in',
      async (_case, contentType, body) => {
        const user = await createUser(api.prisma);
        const response = await fetch(api.origin + LOGIN, {
          method: 'POST',
          headers: {
            'x-forwarded-for': newClientAddress(),
            ...(contentType && { 'content-type': contentType }),
          },
          body: contentType
            ? body.replace('a%40test.bio.re', encodeURIComponent(user.email))
            : new Blob([body]),
        });
        expect(response.status).toBe(415);
        expect(response.headers.getSetCookie()).toEqual([]);
        expect(await readEnvelope(response)).toEqual({
          success: false,
          error: {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'Send the request body as JSON.',
            i18nKey: 'common.unsupported_media_type',
            correlationId: response.headers.get('x-correlation-id'),
          },
        });
      },
    );

    it('a body over the size limit: 413 PAYLOAD_TOO_LARGE envelope', async () => {
      const response = await login({ email: 'someone@test.bio.re', password: 'x'.repeat(20_000) });
      expect(response.status).toBe(413);
      expect((await readEnvelope(response)).error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        i18nKey: 'common.payload_too_large',
      });
    });
  });

  describe('tokens refused on a guarded route: 401 AUTH_UNAUTHORIZED', () => {
    let user: UserFixture;
    beforeAll(async () => {
      user = await createUser(api.prisma);
    });

    const MESSAGES: Record<string, string> = {
      'auth.token.missing': 'Sign in to continue.',
      'auth.token.invalid': 'Your session is invalid. Sign in again.',
      'auth.token.expired': 'Your session has expired. Sign in again.',
    };

    it.each<[string, () => Record<string, string>, string]>([
      ['no token at all', () => ({}), 'auth.token.missing'],
      ['an empty Authorization header', () => ({ authorization: '' }), 'auth.token.missing'],
      ['"Bearer " with nothing after it', () => ({ authorization: 'Bearer ' }), 'auth.token.missing'],
      ['another scheme (Basic)', () => ({ authorization: 'Basic dXNlcjpwYXNz' }), 'auth.token.missing'],
      [
        'a token without its scheme',
        () => ({ authorization: accessTokenFor(user.id) }),
        'auth.token.missing',
      ],
      ['a malformed bearer token', () => ({ authorization: 'Bearer abc' }), 'auth.token.invalid'],
      ['a malformed cookie token', () => ({ cookie: 'access_token=abc' }), 'auth.token.invalid'],
      [
        'an expired token',
        () => ({ authorization: `Bearer ${accessTokenFor(user.id, { expiresIn: -60 })}` }),
        'auth.token.expired',
      ],
      [
        'an expired token in the cookie',
        () => ({ cookie: `access_token=${accessTokenFor(user.id, { expiresIn: -60 })}` }),
        'auth.token.expired',
      ],
      [
        'a token signed with another secret',
        () => ({
          authorization: `Bearer ${accessTokenFor(user.id, { secret: 'another-secret-0123456789abcdefghij' })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a token whose payload was changed after signing',
        () => {
          const [header, , signature] = accessTokenFor(user.id).split('.');
          const forged = base64url(claimsFor(randomUUID()));
          return { authorization: `Bearer ${header}.${forged}.${signature}` };
        },
        'auth.token.invalid',
      ],
      [
        'an unsigned token (alg none)',
        () => ({
          authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claimsFor(user.id))}.`,
        }),
        'auth.token.invalid',
      ],
      [
        'an unsigned token (alg NONE)',
        () => ({ authorization: `Bearer ${base64url({ alg: 'NONE' })}.${base64url(claimsFor(user.id))}.` }),
        'auth.token.invalid',
      ],
      [
        'HS/RS confusion: an RS256 header over an HMAC made with our secret',
        () => ({ authorization: `Bearer ${hmacSigned({ alg: 'RS256', typ: 'JWT' }, claimsFor(user.id))}` }),
        'auth.token.invalid',
      ],
      [
        'a genuine RS256 token',
        () => {
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          const token = jwt.sign({}, privateKey, {
            algorithm: 'RS256',
            subject: user.id,
            issuer: TEST_JWT.issuer,
            audience: TEST_JWT.audience,
            expiresIn: 600,
          });
          return { authorization: `Bearer ${token}` };
        },
        'auth.token.invalid',
      ],
      [
        'another HMAC algorithm with our secret (HS512)',
        () => ({ authorization: `Bearer ${accessTokenFor(user.id, { algorithm: 'HS512' })}` }),
        'auth.token.invalid',
      ],
      [
        'a wrong issuer',
        () => ({
          authorization: `Bearer ${accessTokenFor(user.id, { issuer: 'https://evil.example.test' })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'no issuer',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), iss: undefined })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a wrong audience',
        () => ({ authorization: `Bearer ${accessTokenFor(user.id, { audience: 'another-app' })}` }),
        'auth.token.invalid',
      ],
      [
        'a correctly signed token without exp (it would never expire)',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), exp: undefined })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a correctly signed token without exp, in the cookie',
        () => ({
          cookie: `access_token=${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), exp: undefined })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a correctly signed token with a non-numeric exp',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), exp: 'never' })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'an unsigned token (alg None) with a signature kept',
        () => {
          const [, , signature] = accessTokenFor(user.id).split('.');
          return {
            authorization: `Bearer ${base64url({ alg: 'None', typ: 'JWT' })}.${base64url(claimsFor(user.id))}.${signature}`,
          };
        },
        'auth.token.invalid',
      ],
      [
        'HS/RS confusion through a jwk header carrying our secret',
        () => ({
          authorization: `Bearer ${hmacSigned(
            {
              alg: 'RS256',
              typ: 'JWT',
              jwk: { kty: 'oct', k: Buffer.from(TEST_JWT.secret).toString('base64url') },
            },
            claimsFor(user.id),
          )}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a token signed with an empty secret',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, claimsFor(user.id), '')}`,
        }),
        'auth.token.invalid',
      ],
      [
        "the onboarding state's audience (the API's other kind of token)",
        () => ({
          authorization: `Bearer ${accessTokenFor(user.id, { audience: `${TEST_JWT.audience}/stripe-onboarding` })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a token not valid yet (nbf in the future)',
        () => ({ authorization: `Bearer ${accessTokenFor(user.id, { notBefore: 600 })}` }),
        'auth.token.invalid',
      ],
      [
        'a subject that is not a UUID',
        () => ({ authorization: `Bearer ${accessTokenFor('admin')}` }),
        'auth.token.invalid',
      ],
      [
        'a subject that is a UUID inside other text',
        () => ({ authorization: `Bearer ${accessTokenFor(`x${user.id}`)}` }),
        'auth.token.invalid',
      ],
      [
        'no subject',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), sub: undefined })}`,
        }),
        'auth.token.invalid',
      ],
      [
        'a numeric subject',
        () => ({
          authorization: `Bearer ${hmacSigned({ alg: 'HS256', typ: 'JWT' }, { ...claimsFor(user.id), sub: 42 })}`,
        }),
        'auth.token.invalid',
      ],
    ])('%s → %s', async (_case, headers, i18nKey) => {
      const response = await postDashboardLink(headers());
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await readEnvelope(response)).toEqual({
        success: false,
        error: {
          code: 'AUTH_UNAUTHORIZED',
          message: MESSAGES[i18nKey],
          i18nKey,
          correlationId: response.headers.get('x-correlation-id'),
        },
      });
    });

    it('while the same user with a well-made token gets through (the cases above are not refused for another reason)', async () => {
      await expectAuthenticated(
        await postDashboardLink({ authorization: `Bearer ${accessTokenFor(user.id)}` }),
      );
      const handMade = hmacSigned({ alg: 'HS256', typ: 'JWT' }, claimsFor(user.id));
      await expectAuthenticated(await postDashboardLink({ authorization: `Bearer ${handMade}` }));
    });
  });

  describe('a well-signed token of a user deleted since: 401 auth.token.user_not_found on every bearer route', () => {
    const call = (route: { method: string; path: string }, headers: Record<string, string>) =>
      fetch(api.origin + route.path, { method: route.method, headers });

    it('the document guards the creator routes with the bearer scheme (the sweep below is not vacuous)', async () => {
      expect((await bearerRoutes(api.origin)).map(({ path }) => path)).toEqual(
        expect.arrayContaining([
          DASHBOARD_LINK,
          '/api/v1/creators/stripe-connect/onboarding-link',
          '/api/v1/creators/stripe-connect/refresh-onboarding-link',
          '/api/v1/creators/stripe-connect/status',
          '/api/v1/creators/stripe-connect/status/sync',
        ]),
      );
    });

    it.each([
      ['a creator', { stripeAccountId: null, stripeAccountStatus: 'PENDING' as const }],
      ['a user without a profile', undefined],
    ])('%s, deleted: bearer header and cookie alike', async (_case, creator) => {
      const deleted = await createUser(api.prisma, creator);
      const token = accessTokenFor(deleted.id);
      await api.prisma.user.delete({ where: { id: deleted.id } });
      const carriers: Array<Record<string, string>> = [
        { authorization: `Bearer ${token}` },
        { cookie: `access_token=${token}` },
      ];
      for (const route of await bearerRoutes(api.origin)) {
        for (const headers of carriers) {
          const response = await call(route, { ...headers, 'accept-language': 'fr' });
          const where = `${route.method} ${route.path} with ${Object.keys(headers)[0]}`;
          expect(response.status, where).toBe(401);
          expect(await readEnvelope(response), where).toEqual({
            success: false,
            error: {
              code: 'AUTH_UNAUTHORIZED',
              message: "Ce compte n'existe plus.",
              i18nKey: 'auth.token.user_not_found',
              correlationId: response.headers.get('x-correlation-id'),
            },
          });
        }
      }
    });

    it('while a user who still exists without a profile is not_creator on each creator route (the 401 is about the deletion)', async () => {
      const fan = await createUser(api.prisma);
      const creatorRoutes = (await bearerRoutes(api.origin)).filter(({ path }) =>
        path.includes('/creators/'),
      );
      expect(creatorRoutes.length).toBeGreaterThan(0);
      for (const route of creatorRoutes) {
        const response = await call(route, { authorization: `Bearer ${accessTokenFor(fan.id)}` });
        expect(response.status, `${route.method} ${route.path}`).toBe(404);
        expect((await readEnvelope(response)).error?.code).toBe('creator.stripe.not_creator');
      }
    });
  });
});
