/**
 * The emulator's objects against the `stripe` package's own types, for the objects the OpenAPI subset does
 * not hold: every field the SDK marks required is present in what the emulator sends. The compile-time half,
 * each emulator type assignable to the SDK's, is sdk-assignability.ts, which the package's typecheck compiles.
 */
import type { Capability, Payout } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';
import { missingRequiredFields } from './support/sdk-types.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(() => harness.close());

describe('every field the SDK types mark required is present', () => {
  let accountId: string;

  beforeAll(async () => {
    accountId = (await harness.stripe.accounts.create({ type: 'express' })).id;
  });

  it('in accounts, created, onboarded and in every list', async () => {
    const { stripe, emulator } = harness;
    expect(missingRequiredFields('Account', await stripe.accounts.retrieve(accountId))).toEqual([]);
    emulator.accounts.setState(accountId, 'restricted_soon');
    const [listed] = (await stripe.accounts.list({ limit: 1 })).data;
    expect(missingRequiredFields('Account', listed)).toEqual([]);
  });

  it('in capabilities, bank accounts and the person', async () => {
    const { stripe, emulator } = harness;
    emulator.accounts.setState(accountId, 'enabled');
    for (const capability of (await stripe.accounts.listCapabilities(accountId)).data) {
      expect(missingRequiredFields('Capability', capability)).toEqual([]);
    }
    const { external_accounts } = await stripe.accounts.retrieve(accountId);
    expect(external_accounts?.data).toHaveLength(1);
    expect(missingRequiredFields('BankAccount', external_accounts?.data[0])).toEqual([]);
    expect(missingRequiredFields('Person', emulator.accounts.person(accountId))).toEqual([]);
  });

  it('in links, payouts, webhook endpoints and deleted objects', async () => {
    const { stripe, emulator } = harness;
    const link = await stripe.accountLinks.create({ account: accountId, type: 'account_onboarding' });
    expect(missingRequiredFields('AccountLink', link)).toEqual([]);
    expect(missingRequiredFields('LoginLink', await stripe.accounts.createLoginLink(accountId))).toEqual([]);
    const payout = emulator.payouts.create({ account: accountId });
    expect(
      missingRequiredFields(
        'Payout',
        await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: accountId }),
      ),
    ).toEqual([]);
    const endpoint = await stripe.webhookEndpoints.create({
      url: 'https://a.example.com/hook',
      enabled_events: ['*'],
    });
    expect(missingRequiredFields('WebhookEndpoint', endpoint)).toEqual([]);
    expect(
      missingRequiredFields('DeletedWebhookEndpoint', await stripe.webhookEndpoints.del(endpoint.id)),
    ).toEqual([]);
    const doomed = await stripe.accounts.create({ type: 'express' });
    expect(missingRequiredFields('DeletedAccount', await stripe.accounts.del(doomed.id))).toEqual([]);
  });

  it('in every type of event, as delivered', async () => {
    const { emulator, receiver } = harness;
    const payout = emulator.payouts.create({ account: accountId });
    emulator.payouts.fail(payout.id, 'account_closed');
    emulator.accounts.replaceBankAccount(accountId);
    emulator.accounts.setState(accountId, 'pending_verification');
    emulator.payouts.pay(emulator.payouts.create({ account: accountId }).id);
    emulator.accounts.deauthorize(accountId);
    await emulator.webhooks.idle();

    const events = receiver.verifiedEvents();
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set([
        'account.updated',
        'account.application.deauthorized',
        'account.external_account.created',
        'account.external_account.updated',
        'account.external_account.deleted',
        'capability.updated',
        'payout.created',
        'payout.paid',
        'payout.failed',
        'person.updated',
      ]),
    );
    for (const event of events)
      expect([event.type, missingRequiredFields('Event', event)]).toEqual([event.type, []]);
  });
});

describe('the check itself', () => {
  it('names what is missing, at any depth, and knows optional fields from required ones', () => {
    const capability = harness.emulator.accounts.capabilities(harness.emulator.accounts.seed({}).id)[0];
    const { requested_at: _requestedAt, requirements, ...rest } = capability ?? ({} as Capability);
    const { errors: _errors, ...requirementsWithoutErrors } = requirements;
    expect(missingRequiredFields('Capability', { ...rest, requirements: requirementsWithoutErrors })).toEqual(
      ['requested_at', 'requirements.errors'],
    );
    const { future_requirements: _optional, ...withoutOptional } = capability ?? ({} as Capability);
    expect(missingRequiredFields('Capability', withoutOptional)).toEqual([]);
  });

  it("picks the event's type by its `type`, and checks the object inside as that type's", () => {
    const [event] = harness.emulator.payouts.pay(harness.emulator.payouts.create().id);
    const { failure_code: _code, ...payoutWithoutCode } = (event?.data.object ?? {}) as Payout;
    expect(missingRequiredFields('Event', { ...event, data: { object: payoutWithoutCode } })).toEqual([
      'data.object.failure_code',
    ]);
  });
});
