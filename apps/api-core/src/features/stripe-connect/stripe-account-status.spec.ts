import {
  type ConnectState,
  type CreatorConnection,
  deriveConnectState,
  NO_REQUIREMENTS,
  type PayoutFailureFacts,
  type StripeAccountFacts,
  type StripeRequirements,
} from './stripe-account-status.js';

const deadline = new Date('2026-12-15T00:00:00.000Z');
const bank = { id: 'ba_1', status: 'new' };

/** A transfers-only Express account once onboarded (what STRIPE_CONNECT_CAPABILITIES=transfers creates). */
const enabled: StripeAccountFacts = {
  detailsSubmitted: true,
  chargesEnabled: false,
  payoutsEnabled: true,
  disabledReason: null,
  requirements: NO_REQUIREMENTS,
  capabilities: { transfers: 'active' },
  bankAccount: bank,
};

const transfersOnly = { requiredCapabilities: ['transfers'] };

function account(
  change: Partial<Omit<StripeAccountFacts, 'requirements'>> & {
    requirements?: Partial<StripeRequirements>;
  } = {},
  lastPayoutFailure: PayoutFailureFacts | null = null,
): CreatorConnection {
  return {
    account: { ...enabled, ...change, requirements: { ...NO_REQUIREMENTS, ...change.requirements } },
    lastPayoutFailure,
  };
}

const shutDown = (disabledReason: string) =>
  account({ disabledReason, payoutsEnabled: false, capabilities: { transfers: 'inactive' } });

describe('deriveConnectState', () => {
  it.each<[string, CreatorConnection, ConnectState['status'], ConnectState['nextAction']]>([
    ['no account yet', { account: null, disconnectedAt: null }, 'PENDING', 'start_onboarding'],
    ['account disconnected', { account: null, disconnectedAt: deadline }, 'PENDING', 'start_again'],
    [
      'onboarding unfinished',
      account({
        detailsSubmitted: false,
        payoutsEnabled: false,
        disabledReason: 'requirements.past_due',
        capabilities: { transfers: 'inactive' },
        requirements: { currentlyDue: ['tos_acceptance.date'], pastDue: ['tos_acceptance.date'] },
      }),
      'PENDING',
      'provide_information',
    ],
    ['enabled, paid by transfer, no charges', account(), 'ACTIVE', 'none'],
    [
      'enabled, with requirements only eventually due',
      account({ requirements: { eventuallyDue: ['individual.id_number'] } }),
      'ACTIVE',
      'none',
    ],
    [
      'past due',
      account({
        payoutsEnabled: false,
        disabledReason: 'requirements.past_due',
        capabilities: { transfers: 'inactive' },
        requirements: {
          currentlyDue: ['individual.verification.document'],
          pastDue: ['individual.verification.document'],
        },
      }),
      'RESTRICTED',
      'provide_information',
    ],
    [
      'pending verification',
      account({
        payoutsEnabled: false,
        disabledReason: 'requirements.pending_verification',
        capabilities: { transfers: 'pending' },
        requirements: { pendingVerification: ['individual.verification.document'] },
      }),
      'RESTRICTED',
      'wait_for_review',
    ],
    ['under review', shutDown('under_review'), 'RESTRICTED', 'wait_for_review'],
    ['rejected for fraud', shutDown('rejected.fraud'), 'DISABLED', 'contact_support'],
    ['rejected by the platform', shutDown('rejected.platform_other'), 'DISABLED', 'contact_support'],
    ['listed', shutDown('listed'), 'DISABLED', 'contact_support'],
    ['paused by the platform', shutDown('platform_paused'), 'DISABLED', 'contact_support'],
    [
      'no capability requested any more',
      account({
        payoutsEnabled: false,
        disabledReason: 'action_required.requested_capabilities',
        capabilities: {},
      }),
      'RESTRICTED',
      'contact_support',
    ],
    ['payouts paused, nothing due', account({ payoutsEnabled: false }), 'RESTRICTED', 'contact_support'],
    [
      'a required capability missing though payouts are on',
      account({ capabilities: { transfers: 'inactive' } }),
      'RESTRICTED',
      'contact_support',
    ],
    [
      'a payout failed on the bank account still in place',
      account({}, { code: 'declined', bankAccountId: bank.id }),
      'ACTIVE',
      'update_bank_account',
    ],
    [
      'a payout failed on a bank account since replaced',
      account({}, { code: 'declined', bankAccountId: 'ba_old' }),
      'ACTIVE',
      'none',
    ],
    [
      'the bank account condemned by a failed payout',
      account(
        {
          payoutsEnabled: false,
          disabledReason: 'requirements.past_due',
          bankAccount: { id: bank.id, status: 'errored' },
          requirements: { currentlyDue: ['external_account'], pastDue: ['external_account'] },
        },
        { code: 'account_closed', bankAccountId: bank.id },
      ),
      'RESTRICTED',
      'update_bank_account',
    ],
    [
      'other information due besides the bank account',
      account({
        payoutsEnabled: false,
        disabledReason: 'requirements.past_due',
        requirements: { pastDue: ['external_account', 'individual.dob.day'] },
      }),
      'RESTRICTED',
      'provide_information',
    ],
  ])('%s → %s, %s', (_case, connection, status, nextAction) => {
    expect(deriveConnectState(connection, transfersOnly)).toMatchObject({ status, nextAction });
  });

  it('keeps an account with requirements due by a deadline ACTIVE, asking for them by that date', () => {
    const soon = account({
      requirements: { currentlyDue: ['individual.id_number'], currentDeadline: deadline },
    });
    expect(deriveConnectState(soon, transfersOnly)).toEqual({
      status: 'ACTIVE',
      nextAction: 'provide_information',
      nextActionDeadline: deadline,
    });
  });

  it('gives a deadline only with provide_information', () => {
    const reviewed = account({
      payoutsEnabled: false,
      disabledReason: 'under_review',
      requirements: { currentDeadline: deadline },
    });
    expect(deriveConnectState(reviewed, transfersOnly).nextActionDeadline).toBeNull();
  });

  it('needs every configured capability: charges count only when card_payments is required', () => {
    const both = { requiredCapabilities: ['transfers', 'card_payments'] };
    expect(deriveConnectState(account(), both).status).toBe('RESTRICTED');
    const charging = account({
      chargesEnabled: true,
      capabilities: { transfers: 'active', card_payments: 'active' },
    });
    expect(deriveConnectState(charging, both).status).toBe('ACTIVE');
  });

  it('reads a snapshot stored before capabilities were kept from Stripe’s flags', () => {
    const legacy = account({ capabilities: {}, chargesEnabled: true });
    expect(deriveConnectState(legacy, transfersOnly).status).toBe('ACTIVE');
    expect(deriveConnectState(legacy, { requiredCapabilities: ['card_payments'] }).status).toBe('ACTIVE');
    const noCharges = account({ capabilities: {} });
    expect(deriveConnectState(noCharges, { requiredCapabilities: ['card_payments'] }).status).toBe(
      'RESTRICTED',
    );
  });
});
