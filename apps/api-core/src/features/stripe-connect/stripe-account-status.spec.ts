import { deriveStripeAccountStatus, type StripeAccountFacts } from './stripe-account-status.js';

const onboarded: StripeAccountFacts = {
  detailsSubmitted: true,
  chargesEnabled: true,
  payoutsEnabled: true,
  disabledReason: null,
};

describe('deriveStripeAccountStatus', () => {
  it.each<[string, Partial<StripeAccountFacts>, string]>([
    ['fully onboarded', {}, 'ACTIVE'],
    [
      'new account, nothing submitted',
      {
        detailsSubmitted: false,
        chargesEnabled: false,
        payoutsEnabled: false,
        disabledReason: 'requirements.past_due',
      },
      'PENDING',
    ],
    ['details not submitted, even with charges on', { detailsSubmitted: false }, 'PENDING'],
    ['charges off after onboarding', { chargesEnabled: false }, 'RESTRICTED'],
    ['payouts off after onboarding', { payoutsEnabled: false }, 'RESTRICTED'],
    [
      'past-due requirements',
      { chargesEnabled: false, payoutsEnabled: false, disabledReason: 'requirements.past_due' },
      'RESTRICTED',
    ],
    [
      'pending verification',
      { payoutsEnabled: false, disabledReason: 'requirements.pending_verification' },
      'RESTRICTED',
    ],
    ['under review', { chargesEnabled: false, disabledReason: 'under_review' }, 'RESTRICTED'],
    ['a reason named while both flags are on', { disabledReason: 'other' }, 'RESTRICTED'],
    [
      'rejected for fraud',
      { chargesEnabled: false, payoutsEnabled: false, disabledReason: 'rejected.fraud' },
      'DISABLED',
    ],
    [
      'rejected, other',
      { chargesEnabled: false, payoutsEnabled: false, disabledReason: 'rejected.other' },
      'DISABLED',
    ],
    [
      'rejected before onboarding finished',
      { detailsSubmitted: false, disabledReason: 'rejected.terms_of_service' },
      'DISABLED',
    ],
    ['listed', { chargesEnabled: false, disabledReason: 'listed' }, 'DISABLED'],
    [
      'paused by the platform',
      { chargesEnabled: false, payoutsEnabled: false, disabledReason: 'platform_paused' },
      'DISABLED',
    ],
  ])('%s: %o → %s', (_case, facts, status) => {
    expect(deriveStripeAccountStatus({ ...onboarded, ...facts })).toBe(status);
  });
});
