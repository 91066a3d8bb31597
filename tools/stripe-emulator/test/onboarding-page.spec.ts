/** The hosted onboarding page behind account links, driven over real HTTP like a browser would. */
import type Stripe from 'stripe';
import { LINK_LIFETIME_SECONDS, type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { fetchPage } from './support/http.js';
import { stripeClientFor } from './support/stripe.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const REFRESH_URL = 'https://app.example.com/connect/refresh';
const RETURN_URL = 'https://app.example.com/connect/return';

let emulator: StripeEmulator;
let stripe: Stripe;
let receiver: WebhookReceiver;
/** Added to the real time, so tests can make links expire while signatures stay fresh. */
let clockOffsetMs = 0;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startStripeEmulator({
    now: () => Date.now() + clockOffsetMs,
    webhookEndpoints: [receiver.endpoint],
    webhookRetry: { attempts: 2, initialDelayMs: 10 },
  });
  stripe = stripeClientFor(emulator);
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

afterEach(() => {
  receiver.received.length = 0;
});

async function onboardingLink(type: 'account_onboarding' | 'account_update' = 'account_onboarding') {
  const account = await stripe.accounts.create(
    type === 'account_update' ? { type: 'custom' } : { type: 'express' },
  );
  const link = await stripe.accountLinks.create({
    account: account.id,
    type,
    refresh_url: REFRESH_URL,
    return_url: RETURN_URL,
  });
  return { accountId: account.id, url: link.url };
}

/** What a browser does with the page's forms, without following the redirect. */
async function visit(url: string, action?: string) {
  const response = await fetch(url, {
    redirect: 'manual',
    ...(action === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ action }).toString(),
        }),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

describe('the onboarding page', () => {
  it('shows the account, the link type and one form per action, posting back to the link', async () => {
    const { accountId, url } = await onboardingLink();
    const page = await fetchPage(url);
    expect(page.status).toBe(200);
    expect(page.html).toContain(accountId);
    expect(page.html).toContain('account_onboarding');
    const forms = [
      ...page.html.matchAll(
        /<form method="post" action="([^"]+)">\s*<input type="hidden" name="action" value="(\w+)">/g,
      ),
    ];
    expect(forms.map((form) => form[2])).toEqual(['complete', 'incomplete', 'restrict', 'disable']);
    expect(new Set(forms.map((form) => form[1]))).toEqual(new Set([new URL(url).pathname]));
    expect((await fetchPage(url)).status).toBe(200);
  });

  it('completes onboarding, tells the platform with a signed account.updated, then returns to return_url', async () => {
    const { accountId, url } = await onboardingLink();

    const submitted = await visit(url, 'complete');
    expect(submitted).toMatchObject({ status: 302, location: RETURN_URL });

    // The redirect waits for the first delivery attempt, so the event is there without waiting for idle().
    const [event] = receiver.verifiedEvents();
    expect(event).toMatchObject({
      type: 'account.updated',
      data: {
        object: { id: accountId, details_submitted: true, charges_enabled: true, payouts_enabled: true },
        previous_attributes: { details_submitted: false, charges_enabled: false, payouts_enabled: false },
      },
    });
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      requirements: { currently_due: [], past_due: [], eventually_due: [], disabled_reason: null },
    });
    await expect(stripe.accounts.createLoginLink(accountId)).resolves.toMatchObject({ object: 'login_link' });
  });

  it('sends a used link to refresh_url, without applying a second action', async () => {
    const { accountId, url } = await onboardingLink();
    await visit(url, 'complete');
    receiver.received.length = 0;

    expect(await visit(url)).toMatchObject({ status: 302, location: REFRESH_URL });
    expect(await visit(url, 'disable')).toMatchObject({ status: 302, location: REFRESH_URL });
    await emulator.webhooks.idle();
    expect(receiver.received).toEqual([]);
    expect(emulator.accounts.get(accountId)?.charges_enabled).toBe(true);
  });

  it(`sends an expired link to refresh_url after ${LINK_LIFETIME_SECONDS} s`, async () => {
    const { url } = await onboardingLink();
    try {
      clockOffsetMs = (LINK_LIFETIME_SECONDS - 1) * 1000;
      expect((await visit(url)).status).toBe(200);
      clockOffsetMs += 1000;
      expect(await visit(url)).toMatchObject({ status: 302, location: REFRESH_URL });
      expect(await visit(url, 'complete')).toMatchObject({ status: 302, location: REFRESH_URL });
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('answers 400 to an unknown action and keeps the link usable', async () => {
    const { url } = await onboardingLink();
    expect((await visit(url, 'approve')).status).toBe(400);
    expect((await visit(url)).status).toBe(200);
  });

  it('answers 404 for a link it never issued', async () => {
    const { accountId } = await onboardingLink();
    expect((await visit(`${emulator.url}/setup/s/${accountId}/notAToken000`)).status).toBe(404);
    expect((await visit(`${emulator.url}/setup/s/${accountId}/notAToken000`, 'complete')).status).toBe(404);
  });

  it('serves account_update links too', async () => {
    const { url } = await onboardingLink('account_update');
    expect((await fetchPage(url)).html).toContain('account_update');
    expect(await visit(url, 'restrict')).toMatchObject({ status: 302, location: RETURN_URL });
  });

  it('shows plain pages instead of redirecting when the link has no return or refresh URL', async () => {
    const account = await stripe.accounts.create({ type: 'express' });
    const { url } = await stripe.accountLinks.create({ account: account.id, type: 'account_onboarding' });
    expect(await visit(url, 'complete')).toMatchObject({ status: 200, location: null });
    expect((await visit(url)).status).toBe(410);
  });
});

describe.each([
  {
    action: 'complete',
    expected: {
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
      requirements: { currently_due: [], past_due: [], eventually_due: [], disabled_reason: null },
    },
  },
  {
    action: 'incomplete',
    expected: {
      details_submitted: false,
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      requirements: {
        currently_due: expect.arrayContaining(['external_account']),
        disabled_reason: 'requirements.past_due',
      },
    },
  },
  {
    action: 'restrict',
    expected: {
      details_submitted: true,
      charges_enabled: false,
      payouts_enabled: false,
      requirements: {
        currently_due: ['individual.verification.document'],
        past_due: ['individual.verification.document'],
        disabled_reason: 'requirements.past_due',
      },
    },
  },
  {
    action: 'disable',
    expected: {
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      requirements: { disabled_reason: 'rejected.other' },
    },
  },
])('action=$action', ({ action, expected }) => {
  it('sets the account status flags and requirements, in the account and in the event', async () => {
    // An account that finished onboarding, so that every action changes something.
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    });
    emulator.accounts.update(account.id, 'complete');
    await emulator.webhooks.idle();
    receiver.received.length = 0;
    const { url } = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: REFRESH_URL,
      return_url: RETURN_URL,
    });

    expect(await visit(url, action)).toMatchObject({ status: 302, location: RETURN_URL });
    await expect(stripe.accounts.retrieve(account.id)).resolves.toMatchObject(expected);
    expect(receiver.verifiedEvents()[0]?.data.object).toMatchObject(expected);
  });
});
