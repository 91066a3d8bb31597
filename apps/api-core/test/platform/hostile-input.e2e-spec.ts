import { randomUUID } from 'node:crypto';
import { METHODS, request } from 'node:http';
import type { StripeEmulator } from '@biore/stripe-emulator';
import fc from 'fast-check';
import { accessTokenFor, createActiveCreator, createUser } from '../support/fixtures.js';
import { startTestApiWithStripe, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

/**
 * Property: whatever a client sends (method, path, headers, body), the answer is the contract's error envelope or a
 * documented success, with the security headers, never a 5xx, never a stack, never a hang. The routes come from the
 * app's own OpenAPI document, so a new route is covered without touching this file.
 */

const BODY_LIMIT = 16_384;
const CLIENT_TIMEOUT_MS = 5_000;
/** Keeps request line and headers under Node's 16 KiB header limit (over it is a test of its own below). */
const MAX_PATH_LENGTH = 3_500;
const ALLOWED_ORIGIN = 'https://app.bio.re';
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// A stack frame as V8 prints it, or a path into the sources or dependencies.
const STACK_TRACE = /\bat [\w$.<>[\] ]+ \(|\(?(file:\/\/)?\/[\w./-]+:\d+:\d+\)?|node:internal|node_modules/;
// CONNECT opens a tunnel: Node hands the socket to a `connect` listener, never to the app.
const HTTP_METHODS = METHODS.filter((method) => method !== 'CONNECT');
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};
const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

type OpenApiPaths = Record<
  string,
  Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
>;

interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked (no Content-Length). */
  chunked: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a connection of its own (an answer may close it), failing when no answer comes in time. */
function send(origin: string, hostile: HostileRequest): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  // Framed explicitly: Node sends a GET's or DELETE's body unframed, which the server would read as a next request.
  const framing =
    hostile.body === undefined
      ? {}
      : hostile.chunked
        ? { 'transfer-encoding': 'chunked' }
        : { 'content-length': String(Buffer.byteLength(hostile.body)) };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`no answer within ${CLIENT_TIMEOUT_MS} ms`));
    }, CLIENT_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const outgoing = request(
      {
        host: hostname,
        port,
        method: hostile.method,
        path: hostile.path,
        headers: { ...hostile.headers, ...framing },
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          clearTimeout(timer);
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body });
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end(hostile.body);
  });
}

/** Text as a raw client can put it in a header: non-Latin-1 characters as their UTF-8 bytes, no control characters. */
function wireText(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

/** A request target as clients send one: anything outside visible ASCII percent-encoded (`%` itself left as is). */
function urlText(text: string): string {
  return [...text].map((c) => (/[\x21-\x7e]/.test(c) ? c : encodeURIComponent(c))).join('');
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );

type Route = { method: string; path: string };

/** Anything at all; and, so that the routes' own validation runs often, JSON bodies to the routes that read one. */
function hostileRequests(routes: Route[], bodyRoutes: Route[], tokens: string[]) {
  const knownPath = fc.constantFrom(...routes.map((route) => route.path), '/docs', '/docs/', '/docs-json');
  const segment = fc.oneof(
    fc.webSegment(),
    anyText(20),
    fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E%2F',
      '%00',
      '%',
      '%zz',
      '%c0%af',
      '%ff',
      '~',
      '*',
      ';x=1',
      '#',
      '',
    ),
  );
  const mutatedPath = fc
    .tuple(knownPath, fc.array(segment, { maxLength: 3 }), fc.nat(3))
    .map(([path, extra, how]) => {
      if (how === 0) return `${path}/${extra.join('/')}`;
      if (how === 1) return `/${extra.join('/')}${path}`;
      if (how === 2) return path.toUpperCase();
      return `${path.replace(/\//g, '//')}/`;
    });
  const longPath = fc
    .tuple(
      knownPath,
      fc.integer({ min: 1_000, max: MAX_PATH_LENGTH }),
      fc.constantFrom('a', '%41', '../', 'é'),
    )
    .map(([path, length, unit]) => `${path}/${unit.repeat(length)}`);
  const pathOnly = fc.oneof(
    { weight: 5, arbitrary: knownPath },
    { weight: 3, arbitrary: mutatedPath },
    { weight: 2, arbitrary: fc.webPath().map((path) => `/${path.replace(/^\//, '')}`) },
    { weight: 1, arbitrary: fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join('/')}`) },
    { weight: 1, arbitrary: longPath },
    // Not origin-form: the asterisk and an absolute target.
    { weight: 1, arbitrary: fc.constantFrom('*', 'http://evil.example/api/v1/auth/login') },
  );
  const query = fc.oneof(
    fc.constant(''),
    fc.webQueryParameters().map((q) => `?${q}`),
    anyText(60).map((q) => `?${q}`),
    fc.constantFrom(
      '?state=',
      '?state=a&state=b',
      '?state[]=x',
      '?state[a]=1',
      '?__proto__[admin]=1',
      '?constructor[prototype][admin]=1',
      `?state=${'x'.repeat(3_000)}`,
    ),
  );
  const path = fc.tuple(pathOnly, query).map(([p, q]) => urlText(p + q).slice(0, MAX_PATH_LENGTH));

  const method = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
    { weight: 2, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') },
    { weight: 1, arbitrary: fc.constantFrom(...HTTP_METHODS) },
  );
  // A documented route with its documented method, so the routes' own code runs often, not only the edge's.
  const documented = fc.constantFrom(...routes);
  const target = fc.oneof(
    { weight: 3, arbitrary: documented.map(({ method, path }) => ({ method, path })) },
    { weight: 4, arbitrary: fc.record({ method, path }) },
  );

  const jwtPart = fc.oneof(fc.json(), anyText(40)).map(base64url);
  const malformedJwt = fc
    .tuple(jwtPart, jwtPart, fc.oneof(fc.constant(''), fc.base64String(), anyText(20)))
    .map(([header, payload, signature]) => `${header}.${payload}.${signature}`);
  const tokenValue = fc.oneof(
    fc.constantFrom(...tokens),
    malformedJwt,
    fc.string({ maxLength: 200 }),
    fc.constantFrom(`${base64url('{"alg":"none"}')}.${base64url('{"sub":"x"}')}.`, 'a.b.c', '..', ''),
  );
  const headerFields = fc.record(
    {
      authorization: fc.oneof(
        tokenValue.map((token) => `Bearer ${token}`),
        tokenValue.map((token) => `bearer  ${token}`),
        anyText(100),
        fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', 'Digest x'),
      ),
      cookie: fc.oneof(
        tokenValue.map((token) => `access_token=${token}`),
        fc
          .tuple(tokenValue, anyText(30))
          .map(([token, other]) => `${other}; access_token=${token}; access_token=x`),
        anyText(200),
      ),
      'content-type': fc.oneof(
        // Mostly JSON, so that bodies get past the edge to the parsers and the routes.
        { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/json; charset=utf-16',
          'application/json; charset=latin1',
          'application/json; charset=nope',
          'application/json;;;',
          'application/jsonx',
          'application/vnd.api+json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          '*/*',
        ),
        anyText(60),
      ),
      'content-encoding': fc.oneof(
        { weight: 3, arbitrary: fc.constant('identity') },
        fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'),
      ),
      'accept-language': fc.oneof(
        fc.constantFrom('fr', 'fr-FR;q=0.9,en;q=0.5', 'x;;q=,,;', '*', 'q=2', `${'fr,'.repeat(500)}en`),
        anyText(100),
      ),
      'x-correlation-id': fc.oneof(fc.stringMatching(CORRELATION_ID), anyText(140)),
      'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), anyText(60)),
      'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
      origin: fc.oneof(fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example', 'null'), anyText(60)),
      'access-control-request-method': fc.constantFrom('GET', 'POST', 'DELETE', 'X'),
      'access-control-request-headers': fc.oneof(fc.constant('authorization,content-type'), anyText(40)),
      'stripe-signature': fc.oneof(fc.constantFrom('t=1,v1=abc', ''), anyText(80)),
      accept: fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*'), anyText(40)),
      host: fc.oneof(fc.constantFrom('localhost', 'api.bio.re:443', '[::1]'), anyText(40)),
      // A huge header, under the server's limit.
      'x-padding': fc.integer({ min: 1, max: 7_000 }).map((n) => 'p'.repeat(n)),
    },
    { requiredKeys: [] },
  );
  const headers = headerFields.map((fields) =>
    Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, wireText(value).trim()])),
  );

  // Nested up to what fits under the body limit (a few thousand levels), at the top or inside a field.
  const deepJson = fc
    .tuple(
      fc.constantFrom('[', '{"a":', '{"email":'),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
    )
    .map(([open, fraction, inField]) => {
      const close = open === '[' ? ']' : '}';
      const depth = Math.max(1, Math.floor((fraction * (BODY_LIMIT - 20)) / (open.length + close.length)));
      const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
      return inField ? `{"email":"a@b.co","password":${nested}}` : nested;
    });
  const bigString = fc
    .oneof(
      fc.integer({ min: BODY_LIMIT - 64, max: BODY_LIMIT + 64 }),
      fc.integer({ min: 1, max: 4 * BODY_LIMIT }),
    )
    .map((size) => `"${'x'.repeat(Math.max(0, size - 2))}"`);
  const loginLike = fc
    .record(
      {
        email: fc.oneof(fc.emailAddress(), anyText(300), fc.jsonValue()),
        password: fc.oneof(anyText(300), fc.jsonValue()),
        __proto__: fc.jsonValue(),
        constructor: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value));
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: loginLike },
    { weight: 2, arbitrary: anyText(200) },
    { weight: 2, arbitrary: deepJson },
    { weight: 1, arbitrary: bigString },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );

  const anything = fc
    .record({ target, headers, body, chunked: fc.boolean() })
    .map(({ target, headers, body, chunked }): HostileRequest => ({ ...target, headers, body, chunked }));
  const toBodyRoutes = fc
    .record({
      route: fc.constantFrom(...bodyRoutes),
      headers,
      // An address of its own each time (TRUST_PROXY), so per-address limits do not stop the runs at the guard.
      client: fc.ipV4(),
      body: body.filter((value) => value !== undefined),
      chunked: fc.boolean(),
    })
    .map(
      ({ route, headers, client, body, chunked }): HostileRequest => ({
        ...route,
        headers: { ...headers, 'content-type': 'application/json', 'x-forwarded-for': client },
        body,
        chunked,
      }),
    );
  return { anything, toBodyRoutes };
}

/** The path a target names: before its query, or before a fragment a client had no business sending. */
function pathOf(target: string): string {
  return target.split(/[?#]/)[0] ?? '';
}

function headerOf(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** What is wrong with an error answer: not the envelope, or its correlation id is not the header's. */
function envelopeProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (!/^application\/json/.test(headerOf(answer, 'content-type') ?? ''))
    problems.push('an error that is not JSON');
  const error = parsed(answer.body)?.error as Record<string, unknown> | undefined;
  if (parsed(answer.body)?.success !== false || !error) return [...problems, 'not the error envelope'];
  for (const field of ['code', 'message', 'i18nKey'])
    if (typeof error[field] !== 'string' || error[field] === '') problems.push(`error.${field} missing`);
  if (error.correlationId !== headerOf(answer, 'x-correlation-id'))
    problems.push('error.correlationId is not the x-correlation-id header');
  return problems;
}

/** The security headers every answer carries; the CSP too, but on Swagger UI's page and assets (tested below). */
function securityHeaderProblems(answer: Answer, swaggerUi: boolean): string[] {
  const problems = Object.entries(SECURITY_HEADERS)
    .filter(([name, value]) => headerOf(answer, name) !== value)
    .map(([name]) => `${name}: ${headerOf(answer, name)}`);
  const csp = headerOf(answer, 'content-security-policy');
  if (!swaggerUi && csp !== CONTENT_SECURITY_POLICY) problems.push(`content-security-policy: ${csp}`);
  return problems;
}

describe('hostile input: every answer is the envelope or a documented success', () => {
  let api: TestApi;
  let stripe: StripeEmulator;
  let started: TestApiWithStripe | undefined;
  let paths: OpenApiPaths;
  let routes: Route[];
  let bodyRoutes: Route[];
  let tokens: string[];

  beforeAll(async () => {
    started = await startTestApiWithStripe({
      env: {
        // Configured, so the webhook verifies signatures (unconfigured it answers 503 by design).
        STRIPE_WEBHOOK_SECRET: 'whsec_hostileinput',
        // Every X-Forwarded-For believed: per-address limits rarely stop the runs before the routes' own code.
        TRUST_PROXY: 'true',
        CORS_ORIGINS: ALLOWED_ORIGIN,
      },
    });
    ({ api, stripe } = started);
    paths = ((await (await fetch(`${api.origin}/docs-json`)).json()) as { paths: OpenApiPaths }).paths;
    const operations = Object.entries(paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
    );
    routes = operations.map(({ method, path }) => ({ method, path }));
    bodyRoutes = operations
      .filter(({ operation }) => operation.requestBody !== undefined)
      .map(({ method, path }) => ({ method, path }));
    const fan = await createUser(api.prisma);
    const deleted = await createUser(api.prisma);
    await api.prisma.user.delete({ where: { id: deleted.id } });
    const creator = await createActiveCreator(api.prisma, stripe);
    tokens = [
      accessTokenFor(fan.id),
      accessTokenFor(deleted.id),
      creator.token,
      accessTokenFor(randomUUID()),
      accessTokenFor(fan.id, { expiresIn: -60 }),
      accessTokenFor(fan.id, { algorithm: 'HS512' }),
    ];
  });

  afterAll(() => started?.close());

  it('reads every route from the OpenAPI document', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/api/v1/auth/login' },
        { method: 'POST', path: '/api/v1/creators/stripe-connect/dashboard-link' },
        { method: 'POST', path: '/api/v1/webhooks/stripe' },
        { method: 'GET', path: '/health/ready' },
      ]),
    );
    expect(bodyRoutes).toContainEqual({ method: 'POST', path: '/api/v1/auth/login' });
  });

  /** The statuses documented for the operation a request names, if it names one. */
  function documentedStatuses(method: string, target: string): Set<number> | undefined {
    const pathname = pathOf(target);
    const verb = (method === 'HEAD' ? 'GET' : method).toLowerCase();
    const statusesOf = (operation: { responses: Record<string, unknown> }) =>
      Object.keys(operation.responses).map(Number);
    const exact = paths[pathname]?.[verb];
    if (exact) return new Set(statusesOf(exact));
    // Express matches a path whatever its case and with a trailing slash, Fastify does not (404): either is fine.
    const loosely = pathname.toLowerCase().replace(/(.)\/$/, '$1');
    const loose = Object.entries(paths).find(([path]) => path.toLowerCase() === loosely)?.[1][verb];
    return loose && new Set([...statusesOf(loose), 404]);
  }

  function problemsWith(hostile: HostileRequest, answer: Answer): string[] {
    const problems: string[] = [];
    if (answer.status >= 500 || answer.status < 200) problems.push(`status ${answer.status}`);
    if (STACK_TRACE.test(answer.body)) problems.push('a stack trace in the body');
    const correlationId = headerOf(answer, 'x-correlation-id') ?? '';
    const sent = hostile.headers['x-correlation-id'];
    const echoed = sent !== undefined && CORRELATION_ID.test(sent);
    if (echoed ? correlationId !== sent : !UUID.test(correlationId))
      problems.push(`x-correlation-id ${correlationId} for ${sent}`);

    const pathname = pathOf(hostile.path);
    // Lower-cased: Express serves `/DOCS` too.
    const swaggerUi = /^\/docs(\/|$)/i.test(pathname);
    problems.push(...securityHeaderProblems(answer, swaggerUi));
    const allowedOrigin = hostile.headers.origin === ALLOWED_ORIGIN;
    if (headerOf(answer, 'access-control-allow-origin') !== (allowedOrigin ? ALLOWED_ORIGIN : undefined))
      problems.push(`access-control-allow-origin: ${headerOf(answer, 'access-control-allow-origin')}`);

    const documented = documentedStatuses(hostile.method, hostile.path);
    if (documented && !documented.has(answer.status))
      problems.push(`${answer.status} is not documented for ${hostile.method} ${pathname}`);
    if (hostile.method === 'HEAD') return problems;
    if (answer.status >= 400) return [...problems, ...envelopeProblems(answer)];

    const preflight = hostile.method === 'OPTIONS' && answer.status === 204 && allowedOrigin;
    const docs = hostile.method === 'GET' && (swaggerUi || /^\/docs-json\/?$/i.test(pathname));
    if (!documented && !preflight && !docs) problems.push(`a ${answer.status} on an undocumented route`);
    if (answer.status === 200 && !docs && parsed(answer.body)?.success !== true)
      problems.push('a 200 without the success envelope');
    return problems;
  }

  it('holds for arbitrary methods, paths, headers and bodies', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequests(routes, bodyRoutes, tokens).anything, async (hostile) => {
        const answer = await send(api.origin, hostile);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problems = problemsWith(hostile, answer);
        if (problems.length > 0)
          throw new Error(`${problems.join('; ')}\n→ ${answer.status} ${answer.body.slice(0, 300)}`);
      }),
      {
        numRuns: 2_000,
        plugins: [fc.interruptAfterTimeLimit(12_000)],
      },
    );
    // Not vacuous: the runs got past the edge to the routes' own answers, successes and refusals alike.
    const seen = [...statuses.keys()];
    expect(seen, JSON.stringify(Object.fromEntries(statuses))).toEqual(
      expect.arrayContaining([200, 400, 401, 404, 413, 415]),
    );
  });

  it('holds for arbitrary JSON bodies sent to the routes that read one', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequests(routes, bodyRoutes, tokens).toBodyRoutes, async (hostile) => {
        const answer = await send(api.origin, hostile);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problems = problemsWith(hostile, answer);
        if (problems.length > 0)
          throw new Error(`${problems.join('; ')}\n→ ${answer.status} ${answer.body.slice(0, 300)}`);
      }),
      {
        numRuns: 600,
        plugins: [fc.interruptAfterTimeLimit(6_000)],
      },
    );
    // Not vacuous: bodies reached validation (400), the login itself (401), and were refused by size (413).
    expect([...statuses.keys()], JSON.stringify(Object.fromEntries(statuses))).toEqual(
      expect.arrayContaining([400, 401, 413]),
    );
  });

  it('holds for requests Node cannot parse: the envelope, a fresh correlation id, the security headers', async () => {
    const unparseable = fc.oneof(
      // Raw bytes outside ASCII in the target (clients percent-encode them).
      fc
        .tuple(
          fc.constantFrom(...routes.map((route) => route.path)),
          fc.string({ unit: 'binary', minLength: 1 }),
        )
        .map(([path, text]) => ({
          method: 'GET',
          path: `${path}?${wireText(`é${text}`).replace(/[\s]/g, '')}`,
        })),
      // A method Node does not know.
      fc
        .stringMatching(/^[A-Z]{1,12}$/)
        .filter((method) => !METHODS.includes(method))
        .map((method) => ({ method, path: '/api/v1/auth/login' })),
      // A target that is not a path.
      fc.constantFrom('?state=x', 'api/v1/auth/login').map((path) => ({ method: 'POST', path })),
    );
    await fc.assert(
      fc.asyncProperty(unparseable, fc.option(fc.stringMatching(CORRELATION_ID)), async (target, sentId) => {
        const answer = await send(api.origin, {
          ...target,
          headers: sentId === null ? {} : { 'x-correlation-id': sentId },
          chunked: false,
        });
        expect(answer.status).toBe(400);
        expect(parsed(answer.body)?.error).toMatchObject({
          code: 'VALIDATION_FAILED',
          i18nKey: 'common.validation_failed',
          details: [{ message: 'The request could not be read' }],
        });
        expect(envelopeProblems(answer)).toEqual([]);
        // The request was never read, so its id neither: a fresh one.
        expect(headerOf(answer, 'x-correlation-id')).toMatch(UUID);
        expect(securityHeaderProblems(answer, false)).toEqual([]);
      }),
      { numRuns: 60, plugins: [fc.interruptAfterTimeLimit(3_000)] },
    );
  });

  it.each([
    [
      'objects, at the server limit',
      (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      2_700,
    ],
    ['arrays in a field', (depth: number) => `{"password":${'['.repeat(depth)}1${']'.repeat(depth)}}`, 8_000],
    ['one level deeper than allowed', (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, 33],
  ])(
    'answers a body nested deep (%s) with 400 VALIDATION_FAILED, not a stack overflow',
    async (_case, body, depth) => {
      const answer = await send(api.origin, {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.200' },
        body: body(depth),
        chunked: false,
      });
      expect(answer.status).toBe(400);
      expect(parsed(answer.body)?.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ message: 'Body is nested deeper than 32 levels' }],
      });
      expect(envelopeProblems(answer)).toEqual([]);
    },
  );

  it('reads a body nested as deep as allowed as any other (the limit is not off by one)', async () => {
    const answer = await send(api.origin, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.200' },
      body: `{"email":"a@b.co","password":"x","a":${'{"a":'.repeat(31)}1${'}'.repeat(31)}}`,
      chunked: false,
    });
    expect(answer.status).toBe(400);
    expect(parsed(answer.body)?.error).toMatchObject({
      details: [{ field: 'a', message: 'property a should not exist' }],
    });
  });

  it('answers headers over the server limit with 431 REQUEST_HEADERS_TOO_LARGE, as the envelope', async () => {
    const answer = await send(api.origin, {
      method: 'GET',
      path: '/health/live',
      headers: { 'x-padding': 'p'.repeat(20_000) },
      chunked: false,
    });
    expect(answer.status).toBe(431);
    expect(parsed(answer.body)?.error).toMatchObject({
      code: 'REQUEST_HEADERS_TOO_LARGE',
      i18nKey: 'common.request_headers_too_large',
      message: 'The request headers are too large.',
    });
    expect(envelopeProblems(answer)).toEqual([]);
    expect(securityHeaderProblems(answer, false)).toEqual([]);
  });

  it.each([
    ['an undecodable path', '/api/v1/%ff'],
    ['an overlong UTF-8 slash', '/api/v1/auth/login/%c0%af'],
    ['a lone percent sign', '/%'],
  ])('answers %s with 404 NOT_FOUND, as the envelope', async (_case, path) => {
    const answer = await send(api.origin, {
      method: 'GET',
      path,
      headers: { 'x-correlation-id': 'bad-url-check', 'accept-language': 'fr', origin: ALLOWED_ORIGIN },
      chunked: false,
    });
    expect(answer.status).toBe(404);
    expect(parsed(answer.body)).toEqual({
      success: false,
      error: {
        code: 'NOT_FOUND',
        message: "Il n'y a rien à cette adresse.",
        i18nKey: 'common.not_found',
        correlationId: 'bad-url-check',
      },
    });
    expect(headerOf(answer, 'x-correlation-id')).toBe('bad-url-check');
    expect(headerOf(answer, 'cache-control')).toBe('no-store');
    expect(headerOf(answer, 'access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(securityHeaderProblems(answer, false)).toEqual([]);
  });
});
