import { randomBytes } from 'node:crypto';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { accessTokenFor, createUser, FIXTURE_PASSWORD, uniqueAccountId } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestApiWithStripe, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

const LOGIN = '/api/v1/auth/login';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// A stack frame as V8 prints it, or a path into the sources or dependencies.
const STACK_TRACE = /\bat [\w$.<>[\] ]+ \(|\(?(file:\/\/)?\/[\w./-]+:\d+:\d+\)?|node:internal|node_modules/;

describe('envelope: correlation id, 404, language, caching, nothing leaked', () => {
  let api: TestApi;
  let stripe: StripeEmulator;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    // A secret key of our own, so a leak of it anywhere in a body cannot be a coincidence.
    started = await startTestApiWithStripe({
      stripe: { secretKey: `sk_test_envelope${randomBytes(12).toString('hex')}`, seed: {} },
    });
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  async function activeCreator() {
    const stripeAccountId = uniqueAccountId();
    stripe.accounts.seed({ id: stripeAccountId, type: 'express' });
    return createUser(api.prisma, { stripeAccountId, stripeAccountStatus: 'ACTIVE' });
  }

  const pendingCreator = () =>
    createUser(api.prisma, { stripeAccountId: uniqueAccountId(), stripeAccountStatus: 'PENDING' });

  const dashboardLink = (userId: string | undefined, headers: Record<string, string> = {}) =>
    fetch(api.origin + DASHBOARD_LINK, {
      method: 'POST',
      headers: { ...(userId && { authorization: `Bearer ${accessTokenFor(userId)}` }), ...headers },
    });

  describe('correlation id', () => {
    /** One success and several failures, each sending the same headers. */
    async function answersTo(headers: Record<string, string>): Promise<Response[]> {
      const fan = await createUser(api.prisma);
      return [
        await fetch(`${api.origin}/health/live`, { headers }),
        await dashboardLink((await activeCreator()).id, headers),
        await dashboardLink(undefined, headers),
        await dashboardLink(fan.id, headers),
        await fetch(`${api.origin}/api/v1/nope`, { headers }),
        await fetch(api.origin + LOGIN, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        }),
      ];
    }

    it.each([
      ['8 characters, the shortest accepted', 'abcdefgh'],
      ['128 characters, the longest accepted', 'a'.repeat(128)],
      ['letters, digits, dot, underscore and dash', 'Req-42.retry_3'],
      ['a UUID', '3f2b8c1e-9d4a-4f6b-8e2d-7a1c5b9e0f34'],
    ])(
      'a valid client id (%s) is echoed on success and error, and is error.correlationId',
      async (_case, id) => {
        const responses = await answersTo({ 'x-correlation-id': id });
        expect(responses.map((response) => response.status)).toEqual([200, 200, 401, 404, 404, 400]);
        for (const response of responses) {
          expect(response.headers.get('x-correlation-id')).toBe(id);
          const body = await readEnvelope(response);
          if (!body.success) expect(body.error?.correlationId).toBe(id);
        }
      },
    );

    it.each([
      ['too short (7 characters)', 'abcdefg'],
      ['too long (129 characters)', 'a'.repeat(129)],
      ['a space', 'abcd efgh'],
      ['a slash', 'abcd/efgh'],
      ['a colon', 'abcd:efgh'],
      ['markup', '<script>alert(1)</script>'],
      ['an encoded newline', 'abcdefgh%0d%0aSet-Cookie:x=1'],
      ['a non-ASCII letter', 'abcdéfgh'],
      ['two ids in one header', 'abcdefgh1, abcdefgh2'],
    ])('an invalid client id (%s) is replaced by a fresh UUID', async (_case, id) => {
      const responses = await answersTo({ 'x-correlation-id': id });
      const ids = new Set<string>();
      for (const response of responses) {
        const header = response.headers.get('x-correlation-id') ?? '';
        expect(header).toMatch(UUID_V4);
        ids.add(header);
        const body = await readEnvelope(response);
        if (!body.success) expect(body.error?.correlationId).toBe(header);
      }
      expect(ids.size).toBe(responses.length);
    });

    it('the same header sent twice is not echoed either', async () => {
      const response = await rawRequest(api.origin, {
        path: '/api/v1/nope',
        headers: { 'x-correlation-id': ['abcdefgh1', 'abcdefgh2'] },
      });
      expect(response.headers['x-correlation-id']).toMatch(UUID_V4);
      expect(JSON.parse(response.body).error.correlationId).toBe(response.headers['x-correlation-id']);
    });

    it('absent: a fresh UUID on every response, the body naming the same one', async () => {
      const responses = await answersTo({});
      const ids = responses.map((response) => response.headers.get('x-correlation-id'));
      for (const [index, response] of responses.entries()) {
        expect(ids[index]).toMatch(UUID_V4);
        const body = await readEnvelope(response);
        if (!body.success) expect(body.error?.correlationId).toBe(ids[index]);
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it.each(['/docs', '/docs-json', '/health/ready', '/nope'])('%s carries one too', async (path) => {
      const response = await fetch(api.origin + path, { headers: { 'x-correlation-id': 'docs-check-1' } });
      expect(response.headers.get('x-correlation-id')).toBe('docs-check-1');
      expect((await fetch(api.origin + path)).headers.get('x-correlation-id')).toMatch(UUID_V4);
    });
  });

  describe('unknown route or method: 404 NOT_FOUND', () => {
    it.each([
      ['GET', '/api/v1/nope'],
      ['GET', '/nope'],
      ['GET', '/api/v2/auth/login'],
      ['GET', '/api/auth/login'],
      ['GET', DASHBOARD_LINK],
      ['PUT', DASHBOARD_LINK],
      ['DELETE', LOGIN],
      ['GET', LOGIN],
    ])('%s %s', async (method, path) => {
      const response = await fetch(api.origin + path, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const correlationId = response.headers.get('x-correlation-id');
      expect(correlationId).toMatch(UUID_V4);
      expect(await readEnvelope(response)).toEqual({
        success: false,
        error: {
          code: 'NOT_FOUND',
          message: 'There is nothing at this address.',
          i18nKey: 'common.not_found',
          correlationId,
        },
      });
    });
  });

  describe('Accept-Language', () => {
    const ENGLISH = 'Finish setting up your account (current status: PENDING).';
    const FRENCH = 'Terminez la configuration de votre compte (statut actuel : PENDING).';

    it.each([
      ['fr', FRENCH, 'fr'],
      ['fr-FR;q=0.9,en;q=0.5', FRENCH, 'fr'],
      ['de-DE,de;q=0.9,fr;q=0.8', FRENCH, 'fr'],
      ['en', ENGLISH, 'en'],
      ['de', ENGLISH, 'en'],
      ['x;;q=,,;', ENGLISH, 'en'],
      [undefined, ENGLISH, 'en'],
    ])('%j: the message in that language, i18nKey and i18nVars unchanged', async (language, message, tag) => {
      const response = await dashboardLink(
        (await pendingCreator()).id,
        language === undefined ? {} : { 'accept-language': language },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-language')).toBe(tag);
      expect(await readEnvelope(response)).toEqual({
        success: false,
        error: {
          code: 'creator.stripe.not_active',
          message,
          i18nKey: 'creator.stripe.not_active',
          i18nVars: { status: 'PENDING' },
          correlationId: response.headers.get('x-correlation-id'),
        },
      });
    });

    it('translates every kind of error, the framework ones too', async () => {
      const french = { 'accept-language': 'fr' };
      const [notFound, unauthorized, invalid] = await Promise.all([
        fetch(`${api.origin}/api/v1/nope`, { headers: french }),
        dashboardLink(undefined, french),
        fetch(api.origin + LOGIN, {
          method: 'POST',
          headers: { ...french, 'content-type': 'application/json' },
          body: '[]',
        }),
      ]);
      expect((await readEnvelope(notFound)).error).toMatchObject({
        i18nKey: 'common.not_found',
        message: "Il n'y a rien à cette adresse.",
      });
      expect((await readEnvelope(unauthorized)).error).toMatchObject({
        i18nKey: 'auth.token.missing',
        message: 'Connectez-vous pour continuer.',
      });
      expect((await readEnvelope(invalid)).error).toMatchObject({
        i18nKey: 'common.validation_failed',
        message: 'La requête est invalide.',
      });
    });
  });

  describe('every /api answer is uncached and no body leaks a stack or the Stripe key', () => {
    /** One of every kind of /api answer this app gives, Stripe's failures included. */
    async function everyKindOfAnswer(): Promise<Array<[string, Response]>> {
      const json = { 'content-type': 'application/json' };
      const user = await createUser(api.prisma);
      const answers: Array<[string, Response]> = [
        [
          'login 200',
          await fetch(api.origin + LOGIN, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }),
          }),
        ],
        [
          'login 401',
          await fetch(api.origin + LOGIN, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ email: user.email, password: 'wrong' }),
          }),
        ],
        ['login 400', await fetch(api.origin + LOGIN, { method: 'POST', headers: json, body: '{"email":' })],
        [
          'login 413',
          await fetch(api.origin + LOGIN, { method: 'POST', headers: json, body: `"${'x'.repeat(20_000)}"` }),
        ],
        [
          'login 415',
          await fetch(api.origin + LOGIN, { method: 'POST', body: `password=${stripe.secretKey}` }),
        ],
        ['404', await fetch(`${api.origin}/api/v1/nope`)],
        ['dashboard-link 200', await dashboardLink((await activeCreator()).id)],
        ['dashboard-link 401', await dashboardLink(undefined, { authorization: 'Bearer x.y.z' })],
        ['dashboard-link 400', await dashboardLink((await pendingCreator()).id)],
        [
          'account unknown to Stripe',
          await dashboardLink(
            (
              await createUser(api.prisma, {
                stripeAccountId: uniqueAccountId(),
                stripeAccountStatus: 'ACTIVE',
              })
            ).id,
          ),
        ],
      ];
      const stripeFailures = [
        { kind: 'status' as const, status: 500 },
        { kind: 'status' as const, status: 429 },
        {
          kind: 'status' as const,
          status: 400,
          body: {
            error: {
              type: 'invalid_request_error' as const,
              message: `Invalid API Key provided: ${stripe.secretKey}\n    at Object.handler (/srv/stripe/api.js:10:5)`,
            },
          },
        },
        {
          kind: 'status' as const,
          status: 401,
          body: {
            error: {
              type: 'invalid_request_error' as const,
              message: `Invalid API Key provided: ${stripe.secretKey}`,
            },
          },
        },
      ];
      for (const fault of stripeFailures) {
        stripe.faults.inject({ method: 'POST', path: '/v1/accounts/*/login_links', ...fault });
        answers.push([`Stripe ${fault.status}`, await dashboardLink((await activeCreator()).id)]);
      }
      const fan = await createUser(api.prisma);
      for (let i = 0; i < 10; i++) await (await dashboardLink(fan.id)).arrayBuffer();
      answers.push(['dashboard-link 429', await dashboardLink(fan.id)]);
      return answers;
    }

    it('covers every status (the sweep below is not vacuous)', async () => {
      const statuses = new Set<number>();
      for (const [, response] of await everyKindOfAnswer()) {
        statuses.add(response.status);
        await response.arrayBuffer();
      }
      expect([...statuses].sort()).toEqual([200, 400, 401, 404, 409, 413, 415, 429, 502, 503]);
    });

    it('Cache-Control: no-store on each, an envelope body, no stack frame, never the secret key', async () => {
      for (const [name, response] of await everyKindOfAnswer()) {
        expect(response.headers.get('cache-control'), name).toBe('no-store');
        expect(response.headers.get('x-correlation-id'), name).toBeTruthy();
        const text = await response.text();
        expect(text, name).not.toContain(stripe.secretKey);
        expect(text, name).not.toMatch(STACK_TRACE);
        expect(text, name).not.toContain('Invalid API Key');
        const body = JSON.parse(text);
        expect(body.success, name).toBe(response.status === 200);
        if (!body.success) {
          expect(Object.keys(body.error).sort(), name).toEqual(
            expect.arrayContaining(['code', 'correlationId', 'i18nKey', 'message']),
          );
          expect(body.error.correlationId, name).toBe(response.headers.get('x-correlation-id'));
        }
      }
    });
  });
});
