import { AccountStore, resolveController } from '../src/accounts.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('resolveController', () => {
  it.each([
    ['express', 'express', { payer: 'application' }, 'stripe'],
    ['full', 'standard', { payer: 'account' }, 'stripe'],
    ['none', 'custom', { payer: 'application' }, 'application'],
  ] as const)(
    'maps a %s dashboard to type %s and fills the rest of the controller',
    (dashboard, type, fees, collection) => {
      expect(resolveController(undefined, { stripe_dashboard: { type: dashboard } })).toEqual({
        type,
        controller: expect.objectContaining({
          type: 'application',
          is_controller: true,
          stripe_dashboard: { type: dashboard },
          fees,
          requirement_collection: collection,
        }),
      });
    },
  );

  it('keeps the controller fields that were given', () => {
    const { controller } = resolveController(undefined, {
      stripe_dashboard: { type: 'none' },
      requirement_collection: 'stripe',
    });
    expect(controller.requirement_collection).toBe('stripe');
  });

  it('describes a legacy type with its controller, and defaults to standard like Stripe', () => {
    expect(resolveController('express', undefined).controller.stripe_dashboard.type).toBe('express');
    expect(resolveController(undefined, undefined).type).toBe('standard');
  });
});

describe('AccountStore.seed', () => {
  const store = () => new AccountStore(() => NOW);

  it('fills an empty seed as a fully onboarded Express account', () => {
    const account = store().seed({});
    expect(account).toMatchObject({
      id: expect.stringMatching(/^acct_/),
      object: 'account',
      type: 'express',
      controller: { stripe_dashboard: { type: 'express' } },
      created: NOW / 1000,
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
      requirements: { currently_due: [], past_due: [], disabled_reason: null },
      tos_acceptance: { date: NOW / 1000 },
    });
  });

  it('makes an unfinished account look like a fresh one', () => {
    const account = store().seed({ details_submitted: false });
    expect(account).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
      requirements: { disabled_reason: 'requirements.past_due' },
      tos_acceptance: { date: null },
    });
    expect(account.requirements.currently_due).toContain('external_account');
  });

  it('marks a submitted account without payouts as pending verification', () => {
    const account = store().seed({ payouts_enabled: false });
    expect(account).toMatchObject({
      charges_enabled: true,
      payouts_enabled: false,
      capabilities: { card_payments: 'active', transfers: 'inactive' },
      requirements: { disabled_reason: 'requirements.pending_verification' },
    });
  });

  it('lets explicit nested fields win, including null', () => {
    const account = store().seed({
      id: 'acct_1Rejected',
      charges_enabled: false,
      requirements: { disabled_reason: 'rejected.fraud' },
      business_profile: { name: 'Biore Creator' },
      email: null,
    });
    expect(account.requirements).toMatchObject({ disabled_reason: 'rejected.fraud', currently_due: [] });
    expect(account.business_profile).toMatchObject({ name: 'Biore Creator', url: null });
    expect(account.email).toBeNull();
  });

  it('derives the type from a seeded controller', () => {
    expect(store().seed({ controller: { stripe_dashboard: { type: 'full' } } }).type).toBe('standard');
    expect(store().seed({ type: 'custom' }).controller.requirement_collection).toBe('application');
  });

  it('replaces an account seeded again with the same id', () => {
    const accounts = store();
    accounts.seed({ id: 'acct_1Twice', email: 'first@example.com' });
    accounts.seed({ id: 'acct_1Twice', email: 'second@example.com' });
    expect(accounts.get('acct_1Twice')?.email).toBe('second@example.com');
  });
});
