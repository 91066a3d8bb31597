import type { StripeEmulator } from '@biore/stripe-emulator';
import {
  CONNECT,
  callApi,
  newCreator,
  onboardedCreator,
  pressOnboardingAction,
  startConnectTestApi,
} from '../support/connect.js';
import { readEnvelope } from '../support/http.js';
import type { TestApi, TestApiWithStripe } from '../support/test-api.js';

const APP_URL = 'http://app.test';
const landing = (query: string) => `${APP_URL}/settings/payouts?${query}`;

/** Issue 13, points 3 and 9: links for what is due on ACTIVE accounts; refresh and return URLs nobody else can use. */
describe('Onboarding links', () => {
  let stripe: StripeEmulator;
  let api: TestApi;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startConnectTestApi({ env: { APP_URL } });
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  beforeEach(() => stripe.faults.clear());

  async function onboardingLink(token: string, route = 'onboarding-link') {
    const response = await callApi(api, 'POST', `${CONNECT}/${route}`, token);
    const body = await readEnvelope(response);
    return { status: response.status, code: body.error?.code, url: body.data?.url as string };
  }

  /** The refresh and return URLs Stripe would send the browser to from this link. */
  async function urlsOf(linkUrl: string) {
    const session = await fetch(linkUrl, { redirect: 'manual' });
    const refreshUrl = (await fetch(linkUrl, { redirect: 'manual' })).headers.get('location') ?? '';
    const returnUrl = await pressOnboardingAction(
      stripe,
      session.headers.get('location') ?? '',
      'incomplete',
    );
    return { refreshUrl, returnUrl };
  }

  const follow = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual' });
    return [response.status, response.headers.get('location')];
  };

  describe('an ACTIVE account Stripe asks more of (restricted soon)', () => {
    it('keeps its dashboard and gets a link collecting only what is due; 409 once nothing is', async () => {
      const creator = await onboardedCreator(api, stripe);
      expect(await onboardingLink(creator.token)).toMatchObject({
        status: 409,
        code: 'creator.stripe.already_active',
      });
      stripe.accounts.setState(creator.stripeAccountId, 'restricted_soon', {
        fields: ['individual.id_number'],
      });
      await stripe.webhooks.idle();
      expect((await callApi(api, 'POST', `${CONNECT}/dashboard-link`, creator.token)).status).toBe(200);

      stripe.requests.clear();
      for (const route of ['onboarding-link', 'refresh-onboarding-link']) {
        const link = await onboardingLink(creator.token, route);
        expect(link.status).toBe(200);
        expect(link.url).toContain(creator.stripeAccountId);
      }
      const linkRequests = stripe.requests.list().filter((request) => request.path === '/v1/account_links');
      expect(linkRequests.map((request) => request.params)).toEqual(
        linkRequests.map(() =>
          expect.objectContaining({
            type: 'account_onboarding',
            collection_options: { fields: 'currently_due', future_requirements: 'omit' },
          }),
        ),
      );

      const { url } = await onboardingLink(creator.token);
      const returnUrl = await pressOnboardingAction(stripe, url, 'complete');
      expect(await follow(returnUrl)).toEqual([302, landing('stripeOnboarding=active')]);
      expect(await onboardingLink(creator.token)).toMatchObject({ status: 409 });
    });
  });

  describe('the refresh and return URLs', () => {
    it('work once: a used return URL lands on the page saying the link expired', async () => {
      const creator = await onboardedCreator(api, stripe);
      stripe.accounts.setState(creator.stripeAccountId, 'past_due');
      await stripe.webhooks.idle();
      const { url } = await onboardingLink(creator.token);
      const returnUrl = await pressOnboardingAction(stripe, url, 'complete');
      expect(await follow(returnUrl)).toEqual([302, landing('stripeOnboarding=active')]);
      expect(await follow(returnUrl)).toEqual([
        302,
        landing('stripeOnboarding=error&reason=creator.stripe.onboarding_link_expired'),
      ]);
    });

    it('carry a random state the database keeps only as a digest, good for an hour', async () => {
      const creator = await newCreator(api);
      const { url } = await onboardingLink(creator.token);
      const { refreshUrl } = await urlsOf(url);
      const state = new URL(refreshUrl).searchParams.get('state') ?? '';
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await api.prisma.stripeOnboardingState.findMany({
        where: { creatorProfile: { userId: creator.id } },
      });
      expect(stored.length).toBeGreaterThan(0);
      for (const row of stored) expect(JSON.stringify(row)).not.toContain(state);

      await api.prisma.stripeOnboardingState.updateMany({
        where: { creatorProfile: { userId: creator.id } },
        data: { expiresAt: new Date(Date.now() - 1_000) },
      });
      expect(await follow(refreshUrl)).toEqual([
        302,
        landing('stripeOnboarding=error&reason=creator.stripe.onboarding_link_expired'),
      ]);
    });

    it('stop working once the creator no longer holds the account, or no longer exists', async () => {
      const disconnected = await onboardedCreator(api, stripe);
      stripe.accounts.setState(disconnected.stripeAccountId, 'past_due');
      await stripe.webhooks.idle();
      const { refreshUrl } = await urlsOf((await onboardingLink(disconnected.token)).url);
      stripe.accounts.deauthorize(disconnected.stripeAccountId);
      await stripe.webhooks.idle();
      expect(await follow(refreshUrl)).toEqual([
        302,
        landing('stripeOnboarding=error&reason=creator.stripe.onboarding_state_invalid'),
      ]);

      const deleted = await newCreator(api);
      const { returnUrl } = await urlsOf((await onboardingLink(deleted.token)).url);
      await api.prisma.user.delete({ where: { id: deleted.id } });
      expect(await follow(returnUrl)).toEqual([
        302,
        landing('stripeOnboarding=error&reason=creator.stripe.onboarding_state_invalid'),
      ]);
    });

    it('land on the page with the reason when Stripe fails behind a good state, never on JSON', async () => {
      const creator = await newCreator(api);
      const { returnUrl } = await urlsOf((await onboardingLink(creator.token)).url);
      stripe.faults.inject({ method: 'GET', path: '/v1/accounts/*', kind: 'status', status: 500 });
      expect(await follow(returnUrl)).toEqual([
        302,
        landing('stripeOnboarding=error&reason=creator.stripe.unavailable'),
      ]);
    });
  });
});
