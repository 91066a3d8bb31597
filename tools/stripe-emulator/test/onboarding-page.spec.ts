/** The hosted onboarding page behind account links, driven over real HTTP like a browser would. */
import type Stripe from 'stripe';
import { LINK_LIFETIME_SECONDS, type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { FAST_RETRIES } from './support/harness.js';
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
    webhookRetry: FAST_RETRIES,
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

/** What a browser does: one request, without following the redirect. */
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

/** Visits the link, as the creator's browser does, and returns the onboarding page it leads to. */
async function openOnboarding(linkUrl: string) {
  const visited = await visit(linkUrl);
  expect(visited.status).toBe(302);
  const sessionUrl = visited.location ?? '';
  return { sessionUrl, page: await visit(sessionUrl) };
}

describe('the onboarding page', () => {
  it('is reached by visiting the link: the account, the link type, what it collects, one form per action', async () => {
    const { accountId, url } = await onboardingLink();
    const { sessionUrl, page } = await openOnboarding(url);
    expect(sessionUrl.startsWith(`${emulator.url}/setup/e/${accountId}/`)).toBe(true);
    expect(page.status).toBe(200);
    expect(page.html).toContain(accountId);
    expect(page.html).toContain('account_onboarding');
    expect(page.html).toContain('external_account');
    const forms = [
      ...page.html.matchAll(
        /<form method="post" action="([^"]+)">\s*<input type="hidden" name="action" value="(\w+)">/g,
      ),
    ];
    expect(forms.map((form) => form[2])).toEqual(['complete', 'incomplete', 'restrict', 'disable']);
    expect(new Set(forms.map((form) => form[1]))).toEqual(new Set([new URL(sessionUrl).pathname]));
    expect((await visit(sessionUrl)).status).toBe(200);
  });

  it('is used up by the visit: a second visit goes to refresh_url, as on Stripe', async () => {
    const { url } = await onboardingLink();
    await openOnboarding(url);
    expect(await visit(url)).toMatchObject({ status: 302, location: REFRESH_URL });
    expect(await visit(url, 'complete')).toMatchObject({ status: 302, location: REFRESH_URL });
  });

  it('completes onboarding, tells the platform with signed events, then returns to return_url', async () => {
    const { accountId, url } = await onboardingLink();
    const { sessionUrl } = await openOnboarding(url);

    const submitted = await visit(sessionUrl, 'complete');
    expect(submitted).toMatchObject({ status: 302, location: RETURN_URL });

    // The redirect waits for the first delivery attempts, so the events are there without waiting for idle().
    const updated = receiver.verifiedEvents().find((event) => event.type === 'account.updated');
    expect(updated).toMatchObject({
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
    expect(await visit(sessionUrl)).toMatchObject({ status: 302, location: REFRESH_URL });
  });

  it('lets a script choose the action on the link itself, which uses it up the same way', async () => {
    const { accountId, url } = await onboardingLink();
    expect(await visit(url, 'complete')).toMatchObject({ status: 302, location: RETURN_URL });
    expect(emulator.accounts.get(accountId)?.details_submitted).toBe(true);
    receiver.received.length = 0;
    expect(await visit(url, 'disable')).toMatchObject({ status: 302, location: REFRESH_URL });
    await emulator.webhooks.idle();
    expect(receiver.received).toEqual([]);
    expect(emulator.accounts.get(accountId)?.charges_enabled).toBe(true);
  });

  it(`sends a link not visited within ${LINK_LIFETIME_SECONDS} s to refresh_url`, async () => {
    const { url } = await onboardingLink();
    const { url: visitedInTime } = await onboardingLink();
    try {
      clockOffsetMs = (LINK_LIFETIME_SECONDS - 1) * 1000;
      expect((await visit(visitedInTime)).status).toBe(302);
      clockOffsetMs += 1000;
      expect(await visit(url)).toMatchObject({ status: 302, location: REFRESH_URL });
      expect(await visit(url, 'complete')).toMatchObject({ status: 302, location: REFRESH_URL });
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('answers 400 to an unknown action and keeps the session usable', async () => {
    const { url } = await onboardingLink();
    const { sessionUrl } = await openOnboarding(url);
    expect((await visit(sessionUrl, 'approve')).status).toBe(400);
    expect((await visit(sessionUrl)).status).toBe(200);
  });

  it('answers 404 for a link or a session it never issued', async () => {
    const { accountId } = await onboardingLink();
    for (const kind of ['s', 'e']) {
      expect((await visit(`${emulator.url}/setup/${kind}/${accountId}/notAToken000`)).status).toBe(404);
      expect(
        (await visit(`${emulator.url}/setup/${kind}/${accountId}/notAToken000`, 'complete')).status,
      ).toBe(404);
    }
  });

  it('serves account_update links too', async () => {
    const { url } = await onboardingLink('account_update');
    const { sessionUrl, page } = await openOnboarding(url);
    expect(page.html).toContain('account_update');
    expect(await visit(sessionUrl, 'restrict')).toMatchObject({ status: 302, location: RETURN_URL });
  });

  it('shows what collection_options asks for: eventually due and future requirements too', async () => {
    const account = await stripe.accounts.create({ type: 'express' });
    emulator.accounts.setState(account.id, 'restricted_soon', { fields: ['individual.id_number'] });
    emulator.accounts.update(account.id, {
      requirements: { eventually_due: ['individual.id_number', 'company.tax_id'] },
      future_requirements: { currently_due: ['individual.address.line1'] },
    });
    const pageFor = async (collection_options: Stripe.AccountLinkCreateParams.CollectionOptions) => {
      const link = await stripe.accountLinks.create({
        account: account.id,
        type: 'account_onboarding',
        collection_options,
      });
      return (await openOnboarding(link.url)).page.html;
    };
    const currentlyDue = await pageFor({ fields: 'currently_due' });
    expect(currentlyDue).toContain('individual.id_number');
    expect(currentlyDue).not.toContain('company.tax_id');
    const everything = await pageFor({ fields: 'eventually_due', future_requirements: 'include' });
    expect(everything).toContain('company.tax_id');
    expect(everything).toContain('individual.address.line1');
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
    from: 'past_due',
    // Only transfers was requested: the account is paid out, but cannot take charges itself.
    expected: {
      details_submitted: true,
      charges_enabled: false,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
      requirements: { currently_due: [], past_due: [], eventually_due: [], disabled_reason: null },
    },
  },
  {
    action: 'incomplete',
    from: 'enabled',
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
    from: 'enabled',
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
    from: 'enabled',
    expected: {
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      requirements: { disabled_reason: 'rejected.other' },
    },
  },
] as const)('action=$action from $from', ({ action, from, expected }) => {
  it('sets the account status flags and requirements, in the account and in the event', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    });
    emulator.accounts.setState(account.id, from);
    await emulator.webhooks.idle();
    receiver.received.length = 0;
    const { url } = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: REFRESH_URL,
      return_url: RETURN_URL,
    });
    const { sessionUrl } = await openOnboarding(url);

    expect(await visit(sessionUrl, action)).toMatchObject({ status: 302, location: RETURN_URL });
    await expect(stripe.accounts.retrieve(account.id)).resolves.toMatchObject(expected);
    const updated = receiver.verifiedEvents().find((event) => event.type === 'account.updated');
    expect(updated?.data.object).toMatchObject(expected);
  });
});
