import type { StripeEmulator } from '@biore/stripe-emulator';
import { translate } from '../../src/platform/i18n/translator.js';
import { accessTokenFor, createUser, FIXTURE_PASSWORD, uniqueAccountId } from '../support/fixtures.js';
import { startTestApiWithStripe, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const ERROR_ENVELOPE_REF = '#/components/schemas/ApiErrorResponseDto';

interface ErrorExample {
  summary?: string;
  value: {
    success: false;
    error: {
      code: string;
      message: string;
      i18nKey: string;
      i18nVars?: Record<string, string>;
      details?: unknown[];
      correlationId: string;
    };
  };
}
interface ResponseObject {
  description: string;
  content?: {
    'application/json'?: { schema?: Record<string, unknown>; examples?: Record<string, ErrorExample> };
  };
}
interface Operation {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
}

/** Every status each route can answer with, as the contract and its error classes have it. */
const EXPECTED_STATUSES: Record<string, Record<string, number[]>> = {
  [LOGIN]: { post: [200, 400, 401, 413, 415, 429, 500, 503] },
  // 403: a cookie-authenticated request from another origin (issue 14), beyond the contract's table.
  [DASHBOARD_LINK]: { post: [200, 400, 401, 403, 404, 409, 413, 415, 429, 500, 502, 503, 504] },
  '/health/live': { get: [200, 500] },
  '/health/ready': { get: [200, 500, 503] },
};

describe('Swagger', () => {
  let api: TestApi;
  let stripe: StripeEmulator;
  let started: TestApiWithStripe | undefined;
  let document: OpenApiDocument;

  beforeAll(async () => {
    started = await startTestApiWithStripe({ env: { STRIPE_TIMEOUT_MS: '300' } });
    ({ api, stripe } = started);
    const response = await fetch(`${api.origin}/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(() => started?.close());

  const operation = (path: string, method: string): Operation => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
    return found;
  };
  const examplesOf = (response: ResponseObject | undefined) =>
    response?.content?.['application/json']?.examples ?? {};

  it('GET /docs serves the Swagger UI, its try-it keeping the bearer token', async () => {
    const page = await fetch(`${api.origin}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>Swagger UI</title>');
    expect(html).toContain('swagger-ui-bundle.js');
    const init = await fetch(`${api.origin}/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    const script = await init.text();
    expect(script).toMatch(/"persistAuthorization":\s*true/);
    expect(script).toContain(DASHBOARD_LINK);
  });

  it('GET /docs-json is an OpenAPI 3 document declaring the bearer scheme', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('every security requirement names a declared scheme', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, { security = [] }] of Object.entries(methods)) {
        for (const name of security.flatMap((requirement) => Object.keys(requirement))) {
          expect(Object.keys(document.components.securitySchemes), `${method} ${path}: ${name}`).toContain(
            name,
          );
        }
      }
    }
  });

  it('places the API routes under /api/v1 and the health checks at the root', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([LOGIN, DASHBOARD_LINK, '/health/live', '/health/ready']),
    );
    for (const path of Object.keys(document.paths))
      expect(path).toMatch(/^\/api\/v1\/|^\/health\/(live|ready)$/);
    expect(Object.keys(document.paths[LOGIN] ?? {})).toEqual(['post']);
    expect(Object.keys(document.paths[DASHBOARD_LINK] ?? {})).toEqual(['post']);
  });

  it('dashboard-link is secured by the bearer token (or its cookie); login is public', () => {
    expect(operation(DASHBOARD_LINK, 'post').security).toEqual(expect.arrayContaining([{ bearer: [] }]));
    expect(operation(LOGIN, 'post').security ?? []).toEqual([]);
  });

  it('dashboard-link 200 is ApiResponseOf<StripeConnectDashboardLinkResponseDto>, data holding the url', () => {
    const schema = operation(DASHBOARD_LINK, 'post').responses['200']?.content?.['application/json']?.schema;
    expect(schema).toEqual({
      title: 'ApiResponseOf<StripeConnectDashboardLinkResponseDto>',
      type: 'object',
      required: ['success', 'data'],
      properties: {
        success: { type: 'boolean', enum: [true] },
        data: { $ref: '#/components/schemas/StripeConnectDashboardLinkResponseDto' },
      },
    });
    expect(document.components.schemas.StripeConnectDashboardLinkResponseDto).toMatchObject({
      type: 'object',
      required: ['url'],
      properties: { url: { type: 'string' } },
    });
  });

  it('login 200 is ApiResponseOf<LoginResponseDto> with accessToken, tokenType and expiresIn', () => {
    const schema = operation(LOGIN, 'post').responses['200']?.content?.['application/json']?.schema;
    expect(schema).toMatchObject({
      title: 'ApiResponseOf<LoginResponseDto>',
      properties: { data: { $ref: '#/components/schemas/LoginResponseDto' } },
    });
    expect(document.components.schemas.LoginResponseDto).toMatchObject({
      required: ['accessToken', 'tokenType', 'expiresIn'],
      properties: { tokenType: { enum: ['Bearer'] }, expiresIn: { type: 'number' } },
    });
  });

  it.each([
    [
      DASHBOARD_LINK,
      '400',
      ['creator.stripe.account_not_found', 'creator.stripe.not_active', 'creator.stripe.service_unavailable'],
    ],
    [
      DASHBOARD_LINK,
      '401',
      [
        'auth.token.missing',
        'auth.token.invalid',
        'auth.token.expired',
        'auth.token.user_not_found',
        'auth.token.revoked',
      ],
    ],
    [DASHBOARD_LINK, '403', ['auth.cross_origin_request']],
    [DASHBOARD_LINK, '404', ['creator.stripe.not_creator']],
    [DASHBOARD_LINK, '429', ['common.rate_limit_exceeded']],
    [LOGIN, '400', ['common.validation_failed']],
    [LOGIN, '401', ['auth.login.invalid_credentials']],
    [LOGIN, '429', ['common.rate_limit_exceeded']],
  ])('%s documents %s with an example of each of %j', (path, status, i18nKeys) => {
    expect(Object.keys(examplesOf(operation(path, 'post').responses[status]))).toEqual(
      expect.arrayContaining(i18nKeys),
    );
  });

  it('the not_active example names the status; the login 400 example is the contract one', () => {
    const notActive = examplesOf(operation(DASHBOARD_LINK, 'post').responses['400'])[
      'creator.stripe.not_active'
    ];
    expect(notActive?.value.error).toMatchObject({
      code: 'creator.stripe.not_active',
      i18nVars: { status: expect.any(String) },
    });
    const validation = examplesOf(operation(LOGIN, 'post').responses['400'])['common.validation_failed'];
    expect(validation?.value.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'email', message: 'email must be an email' }],
    });
  });

  it('every error status refers to the error envelope and shows consistent examples of it', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, { responses }] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) < 400) continue;
          const where = `${method.toUpperCase()} ${path} ${status}`;
          expect(response.content?.['application/json']?.schema, where).toEqual({ $ref: ERROR_ENVELOPE_REF });
          const examples = Object.entries(examplesOf(response));
          expect(examples.length, where).toBeGreaterThan(0);
          for (const [name, { value }] of examples) {
            expect(value.success, `${where} ${name}`).toBe(false);
            expect(value.error.i18nKey, `${where} ${name}`).toBe(name);
            expect(value.error.message, `${where} ${name}`).toBe(
              translate(value.error.i18nKey, 'en', value.error.i18nVars),
            );
            expect(value.error.correlationId, `${where} ${name}`).toEqual(expect.any(String));
          }
        }
      }
    }
    expect(document.components.schemas.ApiErrorResponseDto).toMatchObject({
      required: ['success', 'error'],
      properties: { error: { $ref: '#/components/schemas/ApiErrorDto' } },
    });
    expect(document.components.schemas.ApiErrorDto).toMatchObject({
      required: ['code', 'message', 'i18nKey', 'correlationId'],
    });
  });

  it("the contract's routes document exactly the statuses they can answer with", () => {
    for (const [path, methods] of Object.entries(EXPECTED_STATUSES)) {
      for (const [method, statuses] of Object.entries(methods)) {
        const documented = Object.keys(operation(path, method).responses).map(Number);
        expect(documented.sort(), `${method.toUpperCase()} ${path}`).toEqual(statuses);
      }
    }
  });

  it('any other API route documents what every route can answer (and 401 when secured)', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, { security = [], responses }] of Object.entries(methods)) {
        // Stripe's onboarding round trips answer everything, failures included, with a redirect to the page.
        if (responses['302']) {
          expect(Object.keys(responses), `${method.toUpperCase()} ${path}`).toEqual(['302']);
          continue;
        }
        // Stripe's webhook alone is not rate limited: nothing may stand between Stripe's retries and us.
        const throttled = !path.endsWith('/webhooks/stripe');
        // A body is read only on a POST: a GET never answers 413 or 415.
        const bodyStatuses = method === 'post' ? [413, 415] : [];
        const expected = [
          ...bodyStatuses,
          500,
          503,
          ...(throttled ? [429] : []),
          ...(security.length > 0 ? [401] : []),
        ];
        const documented = Object.keys(responses).map(Number);
        expect(documented, `${method.toUpperCase()} ${path}`).toEqual(expect.arrayContaining(expected));
        if (method === 'get') expect(documented, `GET ${path}`).not.toEqual(expect.arrayContaining([413]));
        if (method === 'get') expect(documented, `GET ${path}`).not.toEqual(expect.arrayContaining([415]));
      }
    }
  });

  it('each status the running API actually answers with is documented for its route', async () => {
    const json = { 'content-type': 'application/json' };
    const seen: Record<string, Set<number>> = { [LOGIN]: new Set(), [DASHBOARD_LINK]: new Set() };
    const record = async (path: string, response: Promise<Response>) => {
      const answered = await response;
      await answered.arrayBuffer();
      seen[path]?.add(answered.status);
    };
    const login = (body: string, headers: Record<string, string> = json) =>
      record(LOGIN, fetch(api.origin + LOGIN, { method: 'POST', headers, body }));
    const dashboardLink = (userId?: string, init: RequestInit = {}) =>
      record(
        DASHBOARD_LINK,
        fetch(api.origin + DASHBOARD_LINK, {
          method: 'POST',
          ...init,
          headers: { ...(userId && { authorization: `Bearer ${accessTokenFor(userId)}` }), ...init.headers },
        }),
      );
    const activeCreator = async () => {
      const stripeAccountId = uniqueAccountId();
      stripe.accounts.seed({ id: stripeAccountId, type: 'express' });
      return (await createUser(api.prisma, { stripeAccountId, stripeAccountStatus: 'ACTIVE' })).id;
    };

    const user = await createUser(api.prisma);
    await login(JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }));
    await login('{}');
    await login(JSON.stringify({ email: user.email, password: 'wrong' }));
    await login(`"${'x'.repeat(20_000)}"`);
    await login('email=x', { 'content-type': 'application/x-www-form-urlencoded' });
    for (let i = 0; i < 20; i++) await login('{}');

    await dashboardLink(await activeCreator());
    await dashboardLink(undefined);
    await dashboardLink(undefined, {
      headers: { cookie: `access_token=${accessTokenFor(user.id)}`, origin: 'https://evil.example.test' },
    });
    await dashboardLink(user.id);
    await dashboardLink(
      (await createUser(api.prisma, { stripeAccountId: null, stripeAccountStatus: 'PENDING' })).id,
    );
    await dashboardLink(
      (await createUser(api.prisma, { stripeAccountId: uniqueAccountId(), stripeAccountStatus: 'ACTIVE' }))
        .id,
    );
    await dashboardLink(await activeCreator(), { headers: json, body: `"${'x'.repeat(20_000)}"` });
    await dashboardLink(await activeCreator(), { body: 'x' });
    const linkPath = '/v1/accounts/*/login_links';
    stripe.faults.inject({ method: 'POST', path: linkPath, kind: 'status', status: 500 });
    await dashboardLink(await activeCreator());
    stripe.faults.inject({ method: 'POST', path: linkPath, kind: 'status', status: 429 });
    await dashboardLink(await activeCreator());
    stripe.faults.inject({ method: 'POST', path: linkPath, kind: 'delay', ms: 1_000 });
    await dashboardLink(await activeCreator());
    for (let i = 0; i < 11; i++) await dashboardLink(user.id);

    expect([...(seen[LOGIN] ?? [])].sort()).toEqual([200, 400, 401, 413, 415, 429]);
    expect([...(seen[DASHBOARD_LINK] ?? [])].sort()).toEqual([
      200, 400, 401, 403, 404, 409, 413, 415, 429, 502, 503, 504,
    ]);
    for (const [path, statuses] of Object.entries(seen)) {
      const documented = Object.keys(operation(path, 'post').responses).map(Number);
      expect(documented, path).toEqual(expect.arrayContaining([...statuses]));
    }
  });
});
