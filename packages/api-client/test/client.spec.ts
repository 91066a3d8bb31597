import { type ApiClient, ApiError, createApiClient, UNEXPECTED_RESPONSE } from '../src/index.js';
import { DEMO, DEMO_PASSWORD, signedInClient } from './support/demo-users.js';
import { liveApiOrigin, visitorFetch } from './support/live-api.js';

const baseUrl = liveApiOrigin();
/** The API's limit on each Stripe link route, per user. */
const ONBOARDING_LINKS_PER_HOUR = 10;

/** The rejection of a call that must fail, to inspect it. */
const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('createApiClient against the live API', () => {
  const clients = {} as Record<keyof typeof DEMO, ApiClient>;

  beforeAll(async () => {
    for (const [user, email] of Object.entries(DEMO)) {
      clients[user as keyof typeof DEMO] = await signedInClient(baseUrl, email);
    }
  });

  describe('login', () => {
    it('answers a bearer token', async () => {
      const login = await createApiClient({ baseUrl, fetch: visitorFetch }).login({
        email: DEMO.fan,
        password: DEMO_PASSWORD,
      });
      expect(login).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    });

    it('throws an Error carrying the envelope: code, i18nKey, status and correlation id', async () => {
      const error = await failureOf(
        createApiClient({ baseUrl, fetch: visitorFetch }).login({
          email: DEMO.fan,
          password: 'wrong-password',
        }),
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        status: 401,
        code: 'AUTH_UNAUTHORIZED',
        i18nKey: 'auth.login.invalid_credentials',
        message: 'Invalid email or password.',
        correlationId: expect.stringMatching(/^[\w.-]{8,}$/),
      });
    });

    it('carries the validation details', async () => {
      const error = await failureOf(
        createApiClient({ baseUrl, fetch: visitorFetch }).login({
          email: 'not-an-email',
          password: DEMO_PASSWORD,
        }),
      );
      expect(error).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        i18nKey: 'common.validation_failed',
        details: [{ field: 'email', message: expect.any(String) }],
      });
    });
  });

  describe('getDashboardLink', () => {
    it('gives an ACTIVE creator a new one-shot URL on every call', async () => {
      const first = await clients.active.getDashboardLink();
      const second = await clients.active.getDashboardLink();
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/express\/acct_1DemoActive00001\//);
      expect(second).not.toBe(first);
    });

    it.each([
      ['pending', 'PENDING'],
      ['restricted', 'RESTRICTED'],
    ] as const)(
      'refuses a %s creator with creator.stripe.not_active naming the status',
      async (user, status) => {
        const error = await failureOf(clients[user].getDashboardLink());
        expect(error).toMatchObject({
          status: 400,
          code: 'creator.stripe.not_active',
          i18nKey: 'creator.stripe.not_active',
          i18nVars: { status },
        });
      },
    );

    it('refuses a creator without a Stripe account with creator.stripe.account_not_found', async () => {
      const error = await failureOf(clients.noAccount.getDashboardLink());
      expect(error).toMatchObject({ status: 400, i18nKey: 'creator.stripe.account_not_found' });
    });

    it('refuses a fan with creator.stripe.not_creator', async () => {
      const error = await failureOf(clients.fan.getDashboardLink());
      expect(error).toMatchObject({ status: 404, i18nKey: 'creator.stripe.not_creator' });
    });

    it('refuses a caller with neither token nor cookie', async () => {
      const error = await failureOf(createApiClient({ baseUrl, fetch: visitorFetch }).getDashboardLink());
      expect(error).toMatchObject({ status: 401, code: 'AUTH_UNAUTHORIZED', i18nKey: 'auth.token.missing' });
    });

    it('asks for messages in the given language; the i18nKey stays the same', async () => {
      const { accessToken } = await createApiClient({ baseUrl, fetch: visitorFetch }).login({
        email: DEMO.pending,
        password: DEMO_PASSWORD,
      });
      const french = createApiClient({ baseUrl, accessToken, language: 'fr', fetch: visitorFetch });
      const error = await failureOf(french.getDashboardLink());
      expect(error).toMatchObject({
        i18nKey: 'creator.stripe.not_active',
        message: 'Terminez la configuration de votre compte (statut actuel : PENDING).',
      });
    });
  });

  describe('with the login cookie instead of a bearer token', () => {
    it('sends no Authorization header and is identified by the cookie login set', async () => {
      const browser = cookieKeepingFetch();
      const client = createApiClient({ baseUrl, fetch: browser.fetch });
      await client.login({ email: DEMO.active, password: DEMO_PASSWORD });

      await expect(client.getDashboardLink()).resolves.toMatch(/\/express\/acct_1DemoActive00001\//);
      expect(browser.sent.every((headers) => !headers.has('authorization'))).toBe(true);
      expect(browser.sent.at(-1)?.get('cookie')).toMatch(/^access_token=/);
    });
  });

  describe('status and onboarding', () => {
    it('reads the stored snapshot', async () => {
      await expect(clients.active.getConnectStatus()).resolves.toMatchObject({
        stripeAccountId: 'acct_1DemoActive00001',
        status: 'ACTIVE',
        chargesEnabled: true,
        payoutsEnabled: true,
      });
      await expect(clients.noAccount.getConnectStatus()).resolves.toMatchObject({
        stripeAccountId: null,
        status: 'PENDING',
      });
      const fanError = await failureOf(clients.fan.getConnectStatus());
      expect(fanError).toMatchObject({ status: 404, i18nKey: 'creator.stripe.not_creator' });
    });

    it('re-reads the account from Stripe on sync', async () => {
      await expect(clients.restricted.syncConnectStatus()).resolves.toMatchObject({
        status: 'RESTRICTED',
        disabledReason: 'requirements.past_due',
        requirementsDue: ['individual.verification.document'],
        syncedAt: expect.any(String),
      });
    });

    it('gives a creator not yet ACTIVE a hosted onboarding link', async () => {
      const link = await clients.pending.createOnboardingLink();
      expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup\/s\/acct_1DemoPending0001\//);
      expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('sends an ACTIVE creator to the dashboard instead', async () => {
      const error = await failureOf(clients.active.createOnboardingLink());
      expect(error).toMatchObject({ status: 409, i18nKey: 'creator.stripe.already_active' });
    });

    it('says when to come back once a limit is reached (Retry-After)', async () => {
      for (let call = 1; call <= ONBOARDING_LINKS_PER_HOUR; call++)
        await clients.restricted.refreshOnboardingLink();
      const error = await failureOf(clients.restricted.refreshOnboardingLink());
      expect(error).toMatchObject({ status: 429, i18nKey: 'common.rate_limit_exceeded' });
      expect((error as ApiError).retryAfterSeconds).toBeGreaterThan(0);
      expect((error as ApiError).retryAfterSeconds).toBeLessThanOrEqual(3600);
    });

    it('cannot refresh onboarding without an account', async () => {
      const error = await failureOf(clients.noAccount.refreshOnboardingLink());
      expect(error).toMatchObject({ status: 400, i18nKey: 'creator.stripe.account_not_found' });
    });
  });
});

describe('an answer that is not the API envelope', () => {
  it('throws UNEXPECTED_RESPONSE with a translatable key, e.g. a proxy page while the API is down', async () => {
    const proxyPage = async () =>
      new Response('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const error = await failureOf(createApiClient({ fetch: proxyPage }).getDashboardLink());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 502,
      code: UNEXPECTED_RESPONSE,
      i18nKey: 'common.service_unavailable',
      message: 'POST /api/v1/creators/stripe-connect/dashboard-link failed (HTTP 502)',
    });
  });
});

/** A fetch that, like a browser on the API's origin, keeps the cookie an answer sets and sends it back. */
function cookieKeepingFetch(): { fetch: typeof fetch; sent: Headers[] } {
  let cookie: string | undefined;
  const sent: Headers[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('Cookie', cookie);
      sent.push(headers);
      const response = await fetch(input, { ...init, headers });
      cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
      return response;
    },
  };
}
