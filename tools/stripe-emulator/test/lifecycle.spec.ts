/**
 * The life of an Express account as Stripe reports it: requested capabilities, requirements in each real
 * state, deadlines, bank accounts, payouts, rejection, deletion and deauthorization, each change sending
 * its events (and none when nothing changed), all seen through the official SDK and its webhooks.
 */
import Stripe from 'stripe';
import { ACCOUNT_STATES, type AccountState, EMULATOR_PLATFORM, type StripeEvent } from '../src/index.js';
import { type Harness, onlyEvent, startHarness, typesOf } from './support/harness.js';
import { callControl } from './support/http.js';
import { captureStripeError, stripeClientFor } from './support/stripe.js';

const DOCUMENT = 'individual.verification.document';
const DAY = 24 * 60 * 60;

let harness: Harness;
let stripe: Stripe;
/** Added to the real time, so a test can let a deadline pass. */
let clockOffsetMs = 0;
const nowSeconds = () => Math.floor((Date.now() + clockOffsetMs) / 1000);

beforeAll(async () => {
  harness = await startHarness({ now: () => Date.now() + clockOffsetMs });
  stripe = harness.stripe;
});

afterAll(() => harness.close());

afterEach(async () => {
  clockOffsetMs = 0;
  await harness.emulator.webhooks.idle();
  harness.receiver.received.length = 0;
});

/** A new Express account, through the API, requesting `capabilities`. */
async function newAccount(
  capabilities: Stripe.AccountCreateParams.Capabilities = { transfers: { requested: true } },
) {
  return stripe.accounts.create({ type: 'express', country: 'US', capabilities });
}

/** A new account that finished onboarding, its events delivered and forgotten by the receiver. */
async function enabledAccount() {
  const account = await newAccount({ transfers: { requested: true }, card_payments: { requested: true } });
  harness.emulator.accounts.setState(account.id, 'enabled');
  await harness.emulator.webhooks.idle();
  harness.receiver.received.length = 0;
  return account.id;
}

async function delivered(): Promise<Stripe.Event[]> {
  await harness.emulator.webhooks.idle();
  return harness.receiver.verifiedEvents();
}

describe('requested capabilities', () => {
  it('are created inactive; completing onboarding activates only what was requested', async () => {
    const account = await newAccount();
    expect(account.capabilities).toEqual({ transfers: 'inactive' });
    const { data } = await stripe.accounts.listCapabilities(account.id);
    expect(data.map(({ id, status, requested }) => [id, status, requested])).toEqual([
      ['card_payments', 'unrequested', false],
      ['transfers', 'inactive', true],
    ]);

    const events = harness.emulator.accounts.setState(account.id, 'enabled');
    expect(typesOf(events)).toEqual([
      'account.external_account.created',
      'person.updated',
      'capability.updated',
      'account.updated',
    ]);
    expect(onlyEvent(events, 'capability.updated').data.object).toMatchObject({
      id: 'transfers',
      account: account.id,
      status: 'active',
      requirements: { disabled_reason: null },
    });
    await expect(stripe.accounts.retrieve(account.id)).resolves.toMatchObject({
      capabilities: { transfers: 'active' },
      charges_enabled: false,
      payouts_enabled: true,
      details_submitted: true,
    });
    expect(typesOf(await delivered())).toEqual(typesOf(events));
  });

  it('can be requested later through the API, and unrequesting the last one leaves action required', async () => {
    const accountId = await enabledAccount();
    const unrequested = await stripe.accounts.updateCapability(accountId, 'card_payments', {
      requested: false,
    });
    expect(unrequested).toMatchObject({ status: 'unrequested', requested: false, requested_at: null });
    const requested = await stripe.accounts.updateCapability(accountId, 'card_payments', { requested: true });
    expect(requested).toMatchObject({ status: 'active', requested: true, requested_at: nowSeconds() });
    await stripe.accounts.updateCapability(accountId, 'card_payments', { requested: false });
    await stripe.accounts.updateCapability(accountId, 'transfers', { requested: false });
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      capabilities: {},
      charges_enabled: false,
      payouts_enabled: false,
      requirements: { disabled_reason: 'action_required.requested_capabilities' },
    });
    const capabilityEvents = (await delivered()).filter((event) => event.type === 'capability.updated');
    expect(capabilityEvents.length).toBeGreaterThanOrEqual(4);
    expect(capabilityEvents.every((event) => event.request?.id?.startsWith('req_'))).toBe(true);
  });

  it('answer an unknown capability with resource_missing', async () => {
    const accountId = await enabledAccount();
    const error = await captureStripeError(stripe.accounts.retrieveCapability(accountId, 'klarna_payments'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'capability' });
  });
});

/** What each state looks like on the account, beyond `requirements.disabled_reason`. */
const STATE_FIELDS: Record<AccountState, (now: number) => Partial<Stripe.Account>> = {
  onboarding: () => ({ details_submitted: false, charges_enabled: false, payouts_enabled: false }),
  enabled: () => ({ details_submitted: true, charges_enabled: true, payouts_enabled: true }),
  restricted_soon: (now) => ({
    charges_enabled: true,
    payouts_enabled: true,
    requirements: expect.objectContaining({
      currently_due: [DOCUMENT],
      past_due: [],
      current_deadline: now + 14 * DAY,
      disabled_reason: null,
    }),
  }),
  past_due: () => ({
    charges_enabled: false,
    payouts_enabled: false,
    requirements: expect.objectContaining({ past_due: [DOCUMENT], disabled_reason: 'requirements.past_due' }),
  }),
  pending_verification: () => ({
    capabilities: { card_payments: 'pending', transfers: 'pending' },
    requirements: expect.objectContaining({
      pending_verification: [DOCUMENT],
      disabled_reason: 'requirements.pending_verification',
    }),
  }),
  under_review: () => ({ charges_enabled: false, payouts_enabled: false }),
  listed: () => ({ charges_enabled: false, payouts_enabled: false }),
  platform_paused: () => ({ charges_enabled: false, payouts_enabled: false }),
  'rejected.fraud': () => ({
    charges_enabled: false,
    capabilities: { card_payments: 'inactive', transfers: 'inactive' },
  }),
  'rejected.incomplete_verification': () => ({ payouts_enabled: false }),
  'rejected.listed': () => ({ payouts_enabled: false }),
  'rejected.other': () => ({ payouts_enabled: false }),
  'rejected.terms_of_service': () => ({ payouts_enabled: false }),
  'rejected.platform_fraud': () => ({ payouts_enabled: false }),
  'rejected.platform_other': () => ({ payouts_enabled: false }),
  'rejected.platform_terms_of_service': () => ({ payouts_enabled: false }),
  'action_required.requested_capabilities': () => ({ capabilities: {}, payouts_enabled: false }),
  future_requirements: (now) => ({
    charges_enabled: true,
    payouts_enabled: true,
    future_requirements: expect.objectContaining({
      currently_due: [DOCUMENT],
      current_deadline: now + 30 * DAY,
    }),
  }),
  payouts_paused: () => ({ charges_enabled: true, payouts_enabled: false }),
};

const EXPECTED_DISABLED_REASON: Partial<Record<AccountState, string | null>> = {
  onboarding: 'requirements.past_due',
  enabled: null,
  restricted_soon: null,
  future_requirements: null,
  payouts_paused: null,
  past_due: 'requirements.past_due',
  pending_verification: 'requirements.pending_verification',
};

describe.each(ACCOUNT_STATES)('the control that puts an account into %s', (state) => {
  it('changes the account as Stripe shows that state, and says so with account.updated', async () => {
    const accountId = await enabledAccount();
    if (state === 'enabled') {
      harness.emulator.accounts.setState(accountId, 'past_due');
      await harness.emulator.webhooks.idle();
      harness.receiver.received.length = 0;
    }

    const events = harness.emulator.accounts.setState(accountId, state);
    const account = await stripe.accounts.retrieve(accountId);
    expect(account).toMatchObject(STATE_FIELDS[state](nowSeconds()));
    const disabledReason = state in EXPECTED_DISABLED_REASON ? EXPECTED_DISABLED_REASON[state] : state;
    expect(account.requirements?.disabled_reason).toBe(disabledReason);
    const updated = onlyEvent(events, 'account.updated');
    expect(updated.data.object).toEqual(account);
    expect((await delivered()).map((event) => event.id)).toEqual(events.map((event) => event.id));

    expect(harness.emulator.accounts.setState(accountId, state)).toEqual([]);
  });
});

describe('the state controls', () => {
  it('work over HTTP too, with the same options', async () => {
    const accountId = await enabledAccount();
    const deadline = nowSeconds() + 3 * DAY;
    const response = await callControl(harness.emulator, 'POST', `accounts/${accountId}/state`, {
      state: 'restricted_soon',
      fields: ['individual.id_number'],
      deadline,
    });
    expect(response.status).toBe(200);
    expect((response.body as { data: StripeEvent[] }).data.map((event) => event.type)).toContain(
      'account.updated',
    );
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      requirements: { currently_due: ['individual.id_number'], current_deadline: deadline },
    });
    const refused = await callControl(harness.emulator, 'POST', `accounts/${accountId}/state`, {
      state: 'happy',
    });
    expect(refused.status).toBe(400);
  });

  it('report a verification under way on the person too', async () => {
    const accountId = await enabledAccount();
    const events = harness.emulator.accounts.setState(accountId, 'pending_verification');
    const person = onlyEvent(events, 'person.updated').data.object;
    expect(person).toMatchObject({
      object: 'person',
      account: accountId,
      requirements: { pending_verification: ['verification.document'] },
      verification: { status: 'pending' },
    });
    expect(harness.emulator.accounts.person(accountId).verification.status).toBe('pending');
  });
});

describe('deadlines', () => {
  it('turn what is still currently due into past due once current_deadline passes, as Stripe does', async () => {
    const accountId = await enabledAccount();
    harness.emulator.accounts.setState(accountId, 'restricted_soon', {
      fields: ['individual.id_number'],
      deadline: nowSeconds() + DAY,
    });
    await harness.emulator.webhooks.idle();
    harness.receiver.received.length = 0;

    clockOffsetMs = (DAY - 60) * 1000;
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({ payouts_enabled: true });
    clockOffsetMs = DAY * 1000;
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      requirements: { past_due: ['individual.id_number'], disabled_reason: 'requirements.past_due' },
    });
    const updated = (await delivered()).find((event) => event.type === 'account.updated');
    expect(updated?.request).toEqual({ id: null, idempotency_key: null });
  });
});

describe('bank accounts', () => {
  it('are attached by onboarding, and a replacement sends created then deleted', async () => {
    const accountId = await enabledAccount();
    const [original] = (await stripe.accounts.retrieve(accountId)).external_accounts?.data ?? [];
    expect(original).toMatchObject({ object: 'bank_account', account: accountId, last4: '6789' });

    const events = harness.emulator.accounts.replaceBankAccount(accountId, {
      last4: '1116',
      bank_name: 'NEW BANK',
    });
    expect(typesOf(events)).toEqual(['account.external_account.created', 'account.external_account.deleted']);
    expect(onlyEvent(events, 'account.external_account.deleted').data.object.id).toBe(original?.id);
    const { external_accounts } = await stripe.accounts.retrieve(accountId);
    expect(external_accounts?.data.map((bank) => (bank.object === 'bank_account' ? bank.last4 : ''))).toEqual(
      ['1116'],
    );
  });
});

describe('payouts', () => {
  it('paid: payout.paid on the connected account, readable with Stripe-Account', async () => {
    const accountId = await enabledAccount();
    const payout = harness.emulator.payouts.create({ account: accountId, amount: 2500 });
    const events = harness.emulator.payouts.pay(payout.id);
    expect(onlyEvent(events, 'payout.paid')).toMatchObject({
      account: accountId,
      data: { object: { status: 'paid' } },
    });
    await expect(stripe.payouts.retrieve(payout.id, {}, { stripeAccount: accountId })).resolves.toMatchObject(
      {
        amount: 2500,
        status: 'paid',
        livemode: false,
      },
    );
    await expect(
      stripe.payouts.list({ status: 'paid' }, { stripeAccount: accountId }).autoPagingToArray({ limit: 10 }),
    ).resolves.toHaveLength(1);
  });

  it('failed with a closed bank account: payout.failed with its code, the bank account errored, payouts off until another is given', async () => {
    const accountId = await enabledAccount();
    const payout = harness.emulator.payouts.create({ account: accountId });
    const events = harness.emulator.payouts.fail(payout.id, 'account_closed');
    expect(typesOf(events)).toEqual([
      'payout.failed',
      'account.external_account.updated',
      'capability.updated',
      'capability.updated',
      'account.updated',
    ]);
    expect(onlyEvent(events, 'payout.failed').data.object).toMatchObject({
      status: 'failed',
      failure_code: 'account_closed',
      failure_message: 'The bank account has been closed.',
      destination: payout.destination,
    });
    expect(onlyEvent(events, 'account.external_account.updated').data).toMatchObject({
      object: { id: payout.destination, status: 'errored' },
      previous_attributes: { status: 'new' },
    });
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      payouts_enabled: false,
      requirements: { past_due: ['external_account'], disabled_reason: 'requirements.past_due' },
    });

    harness.emulator.accounts.replaceBankAccount(accountId);
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      payouts_enabled: true,
      requirements: { past_due: [], disabled_reason: null },
    });
  });

  it('failed for a reason that leaves the bank account usable: payout.failed only', async () => {
    const accountId = await enabledAccount();
    const payout = harness.emulator.payouts.create({ account: accountId });
    expect(typesOf(harness.emulator.payouts.fail(payout.id, 'could_not_process'))).toEqual(['payout.failed']);
    expect(() => harness.emulator.payouts.pay(payout.id)).toThrow('already failed');
  });

  it('of the platform itself carry no account', () => {
    const payout = harness.emulator.payouts.create({ amount: 100 });
    const [paid] = harness.emulator.payouts.pay(payout.id);
    expect(paid).toMatchObject({ type: 'payout.paid' });
    expect(paid).not.toHaveProperty('account');
  });

  it('are driven over HTTP too', async () => {
    const accountId = await enabledAccount();
    const created = await callControl(harness.emulator, 'POST', 'payouts', {
      account: accountId,
      amount: 700,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { object: 'payout', amount: 700, status: 'pending' },
    });
    const id = (created.body as { id: string }).id;
    const failed = await callControl(harness.emulator, 'POST', `payouts/${id}/fail`, {
      failure_code: 'no_account',
    });
    expect(failed.status).toBe(200);
    expect((await callControl(harness.emulator, 'POST', `payouts/${id}/pay`)).status).toBe(400);
    expect((await callControl(harness.emulator, 'POST', 'payouts/po_1None/pay')).status).toBe(404);
    const wrongCode = await callControl(harness.emulator, 'POST', `payouts/${id}/fail`, {
      failure_code: 'oops',
    });
    expect(wrongCode.status).toBe(400);
  });
});

describe('deauthorization', () => {
  it('sends account.application.deauthorized, after which the platform key reaches the account no more', async () => {
    const accountId = await enabledAccount();
    const [event] = harness.emulator.accounts.deauthorize(accountId);
    expect(event).toMatchObject({
      type: 'account.application.deauthorized',
      account: accountId,
      data: {
        object: { object: 'application', id: EMULATOR_PLATFORM.applicationId, name: EMULATOR_PLATFORM.name },
      },
    });
    expect(typesOf(await delivered())).toEqual(['account.application.deauthorized']);

    for (const call of [
      stripe.accounts.retrieve(accountId),
      stripe.accounts.createLoginLink(accountId),
      stripe.events.list({}, { stripeAccount: accountId }),
    ]) {
      const error = await captureStripeError(call);
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
      expect(error).toMatchObject({ statusCode: 403, code: 'account_invalid' });
    }
    const link = await captureStripeError(
      stripe.accountLinks.create({ account: accountId, type: 'account_onboarding' }),
    );
    expect(link).toMatchObject({ code: 'account_invalid', param: 'account' });
    const listed = await stripe.accounts.list().autoPagingToArray({ limit: 1000 });
    expect(listed.map((account) => account.id)).not.toContain(accountId);
    expect(() => harness.emulator.accounts.deauthorize(accountId)).toThrow('already deauthorized');
  });

  it('is driven over HTTP too', async () => {
    const accountId = await enabledAccount();
    const response = await callControl(harness.emulator, 'POST', `accounts/${accountId}/deauthorize`);
    expect(response.status).toBe(200);
    expect(harness.emulator.accounts.get(accountId)).toBeUndefined();
  });
});

describe('GET /v1/events', () => {
  it("lists a connected account's events newest first, by type, group of types, time and delivery", async () => {
    const accountId = await enabledAccount();
    const later = nowSeconds() + 120;
    clockOffsetMs = 120_000;
    const payout = harness.emulator.payouts.create({ account: accountId });
    harness.emulator.payouts.fail(payout.id, 'account_closed');
    await harness.emulator.webhooks.idle();
    const options = { stripeAccount: accountId };

    const all = await stripe.events.list({}, options).autoPagingToArray({ limit: 100 });
    const recorded = harness.emulator.events.list().filter((event) => event.account === accountId);
    expect(all.map((event) => event.id)).toEqual(recorded.map((event) => event.id).reverse());

    const page = await stripe.events.list({ limit: 2 }, options);
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/events' });
    const next = await stripe.events.list({ limit: 2, starting_after: page.data[1]?.id }, options);
    expect(next.data[0]?.id).toBe(all[2]?.id);
    const previous = await stripe.events.list({ limit: 2, ending_before: next.data[0]?.id }, options);
    expect(previous.data.map((event) => event.id)).toEqual(page.data.map((event) => event.id));

    const listOf = async (params: Stripe.EventListParams) =>
      typesOf(await stripe.events.list(params, options).autoPagingToArray({ limit: 100 }));
    expect(await listOf({ type: 'payout.failed' })).toEqual(['payout.failed']);
    expect(await listOf({ type: 'account.external_account.*' })).toEqual([
      'account.external_account.updated',
      'account.external_account.created',
    ]);
    expect(await listOf({ types: ['payout.created', 'payout.failed'] })).toEqual([
      'payout.failed',
      'payout.created',
    ]);
    expect(await listOf({ created: { gte: later } })).toEqual(typesOf(all.slice(0, 6)));
    expect(await listOf({ created: { lt: later }, type: 'payout.*' })).toEqual([]);
    expect(await listOf({ delivery_success: false })).toEqual([]);
  });

  it("lists the platform's own events without Stripe-Account, and counts the undelivered ones", async () => {
    const failing = harness.emulator.webhooks.register({
      url: 'http://127.0.0.1:1/unreachable',
      secret: 'whsec_unreachable',
      connect: false,
    });
    try {
      const payout = harness.emulator.payouts.create();
      harness.emulator.payouts.pay(payout.id);
      await harness.emulator.webhooks.idle();
      const undelivered = await stripe.events
        .list({ delivery_success: false })
        .autoPagingToArray({ limit: 100 });
      expect(typesOf(undelivered)).toEqual(['payout.paid', 'payout.created']);
      expect(undelivered.every((event) => event.account === undefined && event.pending_webhooks === 1)).toBe(
        true,
      );
    } finally {
      harness.emulator.webhooks.unregister(failing.url);
    }
  });

  it('refuses type and types together, a limit out of range, and an unknown cursor', async () => {
    const both = await captureStripeError(
      stripe.events.list({ type: 'payout.paid', types: ['payout.failed'] }),
    );
    expect(both).toMatchObject({ statusCode: 400, param: 'types' });
    const tooMany = await captureStripeError(stripe.events.list({ limit: 101 }));
    expect(tooMany).toMatchObject({
      param: 'limit',
      message: 'This value must be less than or equal to 100.',
    });
    const cursor = await captureStripeError(stripe.events.list({ starting_after: 'evt_1Unknown' }));
    expect(cursor).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'starting_after' });
  });
});

describe('GET /v1/accounts, DELETE /v1/accounts/{id}', () => {
  it('lists the connected accounts newest first, page by page', async () => {
    const created = [await newAccount(), await newAccount(), await newAccount()].map((account) => account.id);
    const firstPage = await stripe.accounts.list({ limit: 2 });
    expect(firstPage.data.map((account) => account.id)).toEqual([created[2], created[1]]);
    expect(firstPage.has_more).toBe(true);
    const all = await stripe.accounts.list({ limit: 2 }).autoPagingToArray({ limit: 1000 });
    expect(all.map((account) => account.id).slice(0, 3)).toEqual([...created].reverse());
    expect(new Set(all.map((account) => account.id)).size).toBe(all.length);
  });

  it('deletes an account: the platform reaches it no more, and Stripe sends no event for it', async () => {
    const accountId = await enabledAccount();
    await harness.emulator.webhooks.idle();
    harness.receiver.received.length = 0;
    await expect(stripe.accounts.del(accountId)).resolves.toMatchObject({
      id: accountId,
      object: 'account',
      deleted: true,
    });
    const error = await captureStripeError(stripe.accounts.retrieve(accountId));
    expect(error).toMatchObject({ statusCode: 403, code: 'account_invalid' });
    expect(await delivered()).toEqual([]);
  });
});

describe('POST /v1/accounts/{id}/reject', () => {
  it('rejects for the platform, naming it rejected.platform_* in the current version, with the request on the events', async () => {
    const accountId = await enabledAccount();
    const rejected = await stripe.accounts.reject(
      accountId,
      { reason: 'fraud_other' },
      { idempotencyKey: 'reject-1' },
    );
    expect(rejected).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      requirements: { disabled_reason: 'rejected.platform_fraud' },
    });
    const updated = (await delivered()).find((event) => event.type === 'account.updated');
    expect(updated?.request).toEqual({ id: rejected.lastResponse.requestId, idempotency_key: 'reject-1' });
  });

  it('speaks the older version to a client pinned to it: reason fraud, disabled_reason rejected.fraud', async () => {
    const accountId = await enabledAccount();
    const dahlia = stripeClientFor(harness.emulator, {
      apiVersion: '2026-07-29.dahlia' as Stripe.LatestApiVersion,
    });
    const rejected = await dahlia.accounts.reject(accountId, { reason: 'fraud' as 'fraud_other' });
    expect(rejected.requirements?.disabled_reason).toBe('rejected.fraud');
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({
      requirements: { disabled_reason: 'rejected.platform_fraud' },
    });
    const refused = await captureStripeError(
      stripe.accounts.reject(accountId, { reason: 'fraud' as 'fraud_other' }),
    );
    expect(refused).toMatchObject({ statusCode: 400, param: 'reason' });
  });

  it('keeps payouts on with payouts_action=none, and refuses accounts the platform is not liable for', async () => {
    const accountId = await enabledAccount();
    const rejected = await stripe.accounts.reject(accountId, {
      reason: 'terms_of_service',
      payouts_action: 'none',
    });
    expect(rejected).toMatchObject({
      charges_enabled: false,
      payouts_enabled: true,
      requirements: { disabled_reason: 'rejected.platform_terms_of_service' },
    });
    const standard = await stripe.accounts.create({ type: 'standard' });
    const error = await captureStripeError(stripe.accounts.reject(standard.id, { reason: 'other' }));
    expect(error).toMatchObject({ statusCode: 400 });
  });
});
