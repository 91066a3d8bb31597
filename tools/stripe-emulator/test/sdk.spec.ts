/** The emulator driven through the official `stripe` SDK, the way our API calls Stripe. */
import http from 'node:http';
import Stripe from 'stripe';
import { LINK_LIFETIME_SECONDS, type StripeEmulator, startStripeEmulator } from '../src/index.js';
import { fetchPage } from './support/http.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';

const ONBOARDED = 'acct_1SdkOnboardedExpr';
const UNFINISHED = 'acct_1SdkUnfinishedEx';
const STANDARD = 'acct_1SdkStandardAcct';
const CUSTOM = 'acct_1SdkCustomAccount';
const UNKNOWN = 'acct_1SdkNoSuchAccount';

let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    seed: {
      accounts: [
        { id: ONBOARDED, type: 'express', email: 'onboarded@example.com' },
        { id: UNFINISHED, type: 'express', details_submitted: false },
        { id: STANDARD, controller: { stripe_dashboard: { type: 'full' } } },
        { id: CUSTOM, type: 'custom' },
      ],
    },
  });
  stripe = stripeClientFor(emulator);
});

afterAll(() => emulator.close());

describe('accounts', () => {
  const expectFreshExpressAccount = (account: Stripe.Account) => {
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      controller: { stripe_dashboard: { type: 'express' }, fees: { payer: 'application' } },
      details_submitted: false,
      charges_enabled: false,
      payouts_enabled: false,
      requirements: { disabled_reason: 'requirements.past_due' },
    });
    expect(account.id).toMatch(/^acct_[A-Za-z0-9]{16}$/);
    expect(account.requirements?.currently_due).toEqual(
      expect.arrayContaining(['external_account', 'tos_acceptance.date', 'business_type']),
    );
  };

  it('creates an Express account with type=express', async () => {
    const account = await stripe.accounts.create({ type: 'express', country: 'US', email: 'a@example.com' });
    expectFreshExpressAccount(account);
    expect(account.email).toBe('a@example.com');
  });

  it('creates an Express account with the controller parameters', async () => {
    const account = await stripe.accounts.create({
      controller: {
        stripe_dashboard: { type: 'express' },
        fees: { payer: 'application' },
        losses: { payments: 'application' },
        requirement_collection: 'stripe',
      },
      capabilities: { transfers: { requested: true }, card_payments: { requested: false } },
      metadata: { creator_id: 'cr_42' },
    });
    expectFreshExpressAccount(account);
    expect(account.capabilities).toEqual({ transfers: 'inactive' });
    expect(account.metadata).toEqual({ creator_id: 'cr_42' });
  });

  it("requests the platform's default capabilities when the creation names none, as Stripe does", async () => {
    const account = await stripe.accounts.create({ type: 'express' });
    expect(account.capabilities).toEqual({ card_payments: 'inactive', transfers: 'inactive' });
  });

  it('refuses a capability the emulator does not model, saying so', async () => {
    const error = await captureStripeError(
      stripe.accounts.create({ type: 'express', capabilities: { klarna_payments: { requested: true } } }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'capabilities[klarna_payments]' });
    expect(error.message).toContain('Stripe emulator');
  });

  it.each([
    ['full', 'standard'],
    ['none', 'custom'],
  ] as const)('derives type from a %s dashboard: %s', async (dashboard, type) => {
    const account = await stripe.accounts.create({ controller: { stripe_dashboard: { type: dashboard } } });
    expect(account.type).toBe(type);
  });

  it('refuses type and controller together', async () => {
    const error = await captureStripeError(
      stripe.accounts.create({ type: 'express', controller: { stripe_dashboard: { type: 'express' } } }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe('controller');
  });

  it('retrieves a created account, and answers with a request id', async () => {
    const created = await stripe.accounts.create({ type: 'express' });
    const retrieved = await stripe.accounts.retrieve(created.id);
    expect(retrieved).toEqual(created);
    expect(retrieved.lastResponse.requestId).toMatch(/^req_/);
  });

  it('retrieves a seeded onboarded account', async () => {
    const account = await stripe.accounts.retrieve(ONBOARDED);
    expect(account).toMatchObject({
      type: 'express',
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      requirements: { currently_due: [], disabled_reason: null },
      email: 'onboarded@example.com',
    });
  });

  it('rejects an unknown account with StripePermissionError account_invalid', async () => {
    const error = await captureStripeError(stripe.accounts.retrieve(UNKNOWN));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error).toMatchObject({
      statusCode: 403,
      code: 'account_invalid',
      rawType: 'invalid_request_error',
      message: `The provided key 'sk_test_***********ator' does not have access to account '${UNKNOWN}' (or that account does not exist). Application access may have been revoked.`,
    });
  });

  it('rejects unknown parameters like Stripe', async () => {
    const error = await captureStripeError(
      stripe.accounts.create({ type: 'express', colour: 'blue' } as never),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
  });
});

describe('authentication', () => {
  it('rejects a wrong key with StripeAuthenticationError and masks it', async () => {
    const wrongKey = 'sk_test_51WrongKeyForTheEmulatorabcd';
    const error = await captureStripeError(
      new Stripe(wrongKey, { ...emulator.stripeClientOptions }).accounts.retrieve(ONBOARDED),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe(`Invalid API Key provided: sk_test_${'*'.repeat(wrongKey.length - 12)}abcd`);
  });
});

describe('the request log', () => {
  it('names the connection each request came on, so a client that keeps its connections shows it', async () => {
    emulator.requests.clear();
    const kept = stripeClientFor(emulator, {
      httpClient: Stripe.createNodeHttpClient(new http.Agent({ keepAlive: true })),
    });
    const closed = stripeClientFor(emulator, {
      httpClient: Stripe.createNodeHttpClient(new http.Agent({ keepAlive: false })),
    });
    for (const client of [kept, kept, closed, closed]) await client.accounts.retrieve(ONBOARDED);
    const [first, second, third, fourth] = emulator.requests.list().map((request) => request.connection);
    expect(second).toBe(first);
    expect(new Set([first, third, fourth]).size).toBe(3);
  });
});

describe('account links', () => {
  it('creates an onboarding link on the emulator origin that expires after five minutes', async () => {
    const link = await stripe.accountLinks.create({
      account: UNFINISHED,
      type: 'account_onboarding',
      refresh_url: 'https://app.example.com/connect/refresh',
      return_url: 'https://app.example.com/connect/return',
    });
    expect(link.object).toBe('account_link');
    expect(link.url.startsWith(`${emulator.url}/setup/s/${UNFINISHED}/`)).toBe(true);
    expect(link.expires_at - link.created).toBe(LINK_LIFETIME_SECONDS);
  });

  it('allows account_update links only for accounts whose requirements the platform collects', async () => {
    const error = await captureStripeError(
      stripe.accountLinks.create({ account: ONBOARDED, type: 'account_update' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      param: 'type',
      message: 'Invalid type: must be one of account_onboarding',
    });
    await expect(
      stripe.accountLinks.create({ account: CUSTOM, type: 'account_update' }),
    ).resolves.toMatchObject({
      object: 'account_link',
    });
  });

  it('takes collection_options, or the older collect, but not both', async () => {
    await expect(
      stripe.accountLinks.create({
        account: ONBOARDED,
        type: 'account_onboarding',
        collection_options: { fields: 'eventually_due', future_requirements: 'include' },
      }),
    ).resolves.toMatchObject({ object: 'account_link' });
    const both = await captureStripeError(
      stripe.accountLinks.create({
        account: ONBOARDED,
        type: 'account_onboarding',
        collect: 'currently_due',
        collection_options: { fields: 'currently_due' },
      }),
    );
    expect(both).toMatchObject({
      statusCode: 400,
      param: 'collection_options',
      message: 'You may only specify one of these parameters: collect, collection_options.',
    });
  });

  it.each([
    [
      { collection_options: { fields: 'everything' } },
      'collection_options[fields]',
      'currently_due or eventually_due',
    ],
    [
      { collection_options: { future_requirements: 'later' } },
      'collection_options[future_requirements]',
      'include or omit',
    ],
    [{ collect: 'all' }, 'collect', 'currently_due or eventually_due'],
  ])('refuses %j as Stripe refuses an invalid enum', async (params, param, allowed) => {
    const error = await captureStripeError(
      stripe.accountLinks.create({ account: ONBOARDED, type: 'account_onboarding', ...(params as object) }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      param,
      message: `Invalid ${param}: must be one of ${allowed}`,
    });
  });

  it('needs an account', async () => {
    const error = await captureStripeError(
      stripe.accountLinks.create({ type: 'account_onboarding' } as never),
    );
    expect(error).toMatchObject({ code: 'parameter_missing', param: 'account' });
  });
});

describe('login links', () => {
  it('serves the Express dashboard page once, then answers 410', async () => {
    const link = await stripe.accounts.createLoginLink(ONBOARDED);
    expect(link.object).toBe('login_link');
    expect(link.url.startsWith(`${emulator.url}/express/${ONBOARDED}/`)).toBe(true);

    const first = await fetchPage(link.url);
    expect(first.status).toBe(200);
    expect(first.html).toContain('Express dashboard');
    expect(first.html).toContain(ONBOARDED);
    expect((await fetchPage(link.url)).status).toBe(410);
  });

  it('answers 404 for a link it never issued', async () => {
    expect((await fetchPage(`${emulator.url}/express/${ONBOARDED}/notAToken000`)).status).toBe(404);
  });

  // The API tells these refusals apart by their wording, so the test pins Stripe's.
  it.each([
    [
      'a Standard account',
      STANDARD,
      `Cannot create an edit link for the account ${STANDARD}, which does not have access to the Express Dashboard.`,
    ],
    [
      'a Custom account',
      CUSTOM,
      `Cannot create an edit link for the account ${CUSTOM}, which does not have access to the Express Dashboard.`,
    ],
    [
      'an Express account that has not finished onboarding',
      UNFINISHED,
      'Cannot create a login link for an account that has not completed onboarding.',
    ],
  ])("refuses %s with StripeInvalidRequestError in Stripe's words", async (_name, accountId, message) => {
    const error = await captureStripeError(stripe.accounts.createLoginLink(accountId));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      rawType: 'invalid_request_error',
      code: undefined,
      message,
    });
  });

  it('refuses an unknown account with StripePermissionError account_invalid', async () => {
    const error = await captureStripeError(stripe.accounts.createLoginLink(UNKNOWN));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error.code).toBe('account_invalid');
  });

  it('expires five minutes after creation, used or not', async () => {
    let now = Date.UTC(2026, 10, 25, 12, 0, 0);
    const clocked = await startStripeEmulator({
      now: () => now,
      seed: { accounts: [{ id: ONBOARDED, type: 'express' }] },
    });
    try {
      const client = stripeClientFor(clocked);
      const link = await client.accounts.createLoginLink(ONBOARDED);
      expect(link.created).toBe(now / 1000);

      now += (LINK_LIFETIME_SECONDS - 1) * 1000;
      const stillValid = await client.accounts.createLoginLink(ONBOARDED);
      now += 1000;
      expect((await fetchPage(link.url)).status).toBe(410);
      expect((await fetchPage(stillValid.url)).status).toBe(200);
    } finally {
      await clocked.close();
    }
  });
});

describe('events', () => {
  it("retrieves a connected account's event with its Stripe-Account, as the platform reads it on Stripe", async () => {
    const emitted = emulator.accounts.update(UNFINISHED, { business_profile: { name: 'Events Creator' } });
    const event = await stripe.events.retrieve(emitted.id, {}, { stripeAccount: UNFINISHED });
    expect(event).toEqual(expect.objectContaining(emitted));
    expect(event.type).toBe('account.updated');
    if (event.type === 'account.updated') {
      expect(event.data.object.business_profile?.name).toBe('Events Creator');
      expect(event.data.previous_attributes).toEqual({
        business_profile: expect.objectContaining({ name: null }),
      });
    }
    const platformSide = await captureStripeError(stripe.events.retrieve(emitted.id));
    expect(platformSide).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('answers an unknown event with StripeInvalidRequestError resource_missing', async () => {
    const error = await captureStripeError(stripe.events.retrieve('evt_1SdkNoSuchEvent'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    expect(error.message).toBe("No such event: 'evt_1SdkNoSuchEvent'");
  });

  it('needs the API key like every /v1 route', async () => {
    const error = await captureStripeError(
      new Stripe('sk_test_wrong', { ...emulator.stripeClientOptions }).events.retrieve('evt_1Any'),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});
