import type { StripeEmulator } from '@biore/stripe-emulator';
import { STRIPE_API_VERSION } from '../../src/features/stripe-connect/stripe/stripe-client.js';
import { HANDLED_STRIPE_EVENTS } from '../../src/features/stripe-connect/webhooks/handled-events.js';
import { apiPath } from '../../src/routes.js';
import { accessTokenFor, createUser } from './fixtures.js';
import { readEnvelope } from './http.js';
import {
  startTestApiWithStripe,
  type TestApi,
  type TestApiWithStripe,
  type TestApiWithStripeOptions,
} from './test-api.js';

export const CONNECT = '/api/v1/creators/stripe-connect';
export const WEBHOOK = apiPath('webhooks', 'stripe');

/** The secret the API verifies Stripe's webhooks with in the Connect specs. */
export const CONNECT_WEBHOOK_SECRET = 'whsec_test_connect_0123456789abcdef';

/** The API on its own emulator, which delivers Connect webhooks to it as operators set Stripe up. */
export async function startConnectTestApi({
  stripe,
  env = {},
}: TestApiWithStripeOptions = {}): Promise<TestApiWithStripe> {
  const started = await startTestApiWithStripe({
    stripe,
    env: { STRIPE_WEBHOOK_SECRET: CONNECT_WEBHOOK_SECRET, ...env },
  });
  registerConnectEndpoint(started.stripe, started.api, CONNECT_WEBHOOK_SECRET);
  return started;
}

/** The API's webhook endpoint on the emulator, set up as the README tells operators: Connect, pinned version. */
export function registerConnectEndpoint(stripe: StripeEmulator, api: TestApi, secret: string) {
  return stripe.webhooks.register({
    url: api.origin + WEBHOOK,
    secret,
    connect: true,
    enabled_events: [...HANDLED_STRIPE_EVENTS],
    api_version: STRIPE_API_VERSION,
  });
}

/** A request to the API as a browser or client would make it: redirects are not followed. */
export function callApi(api: TestApi, method: string, path: string, token?: string) {
  return fetch(api.origin + path, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    redirect: 'manual',
  });
}

/** A creator without a Stripe account yet, with a token to call as them. */
export async function newCreator(api: TestApi) {
  const user = await createUser(api.prisma, { stripeAccountId: null, stripeAccountStatus: 'PENDING' });
  return { ...user, token: accessTokenFor(user.id) };
}

/**
 * Presses an action on the emulator's hosted onboarding page, as the creator's browser would, and waits until the
 * events it caused were delivered; answers where the page sends the browser (the API's return URL).
 */
export async function pressOnboardingAction(
  stripe: StripeEmulator,
  linkUrl: string,
  action: 'complete' | 'incomplete' | 'restrict' | 'disable',
): Promise<string> {
  const response = await fetch(linkUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
    redirect: 'manual',
  });
  if (response.status !== 302) throw new Error(`the onboarding page answered ${response.status}`);
  await stripe.webhooks.idle();
  return response.headers.get('location') ?? '';
}

/** A creator onboarded through the API and Stripe's hosted page: their account is created as the API creates it. */
export async function onboardedCreator(api: TestApi, stripe: StripeEmulator) {
  const creator = await newCreator(api);
  const started = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
  await pressOnboardingAction(stripe, (await readEnvelope(started)).data.url, 'complete');
  const { id, stripeAccountId } = await api.prisma.creatorProfile.findUniqueOrThrow({
    where: { userId: creator.id },
  });
  if (!stripeAccountId) throw new Error('onboarding created no account');
  return { ...creator, creatorProfileId: id, stripeAccountId };
}
