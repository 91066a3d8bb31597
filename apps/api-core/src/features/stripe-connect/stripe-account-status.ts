import type { StripeAccountStatus } from '@biore/database';

/** What the creator should do next, derived with the status; the page shows one call to action per value. */
export const NEXT_ACTIONS = [
  'none',
  'start_onboarding',
  'provide_information',
  'wait_for_review',
  'contact_support',
  'update_bank_account',
  'start_again',
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export const CAPABILITY_STATUSES = ['active', 'inactive', 'pending', 'unrequested'] as const;
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number];

/** One of Stripe's `requirements.errors`: why what was given for `requirement` was refused. */
export interface RequirementError {
  requirement: string;
  code: string;
  reason: string;
}

/** Stripe's `requirements` of an account. */
export interface StripeRequirements {
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  pendingVerification: string[];
  currentDeadline: Date | null;
  errors: RequirementError[];
}

/** An account Stripe asks nothing of. */
export const NO_REQUIREMENTS: StripeRequirements = {
  currentlyDue: [],
  pastDue: [],
  eventuallyDue: [],
  pendingVerification: [],
  currentDeadline: null,
  errors: [],
};

/** What Stripe says of an account, each time we read it. */
export interface StripeAccountFacts {
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** `requirements.disabled_reason`, null when Stripe names none. */
  disabledReason: string | null;
  requirements: StripeRequirements;
  /** The capabilities on the account; empty for a snapshot stored before capabilities were kept. */
  capabilities: Record<string, CapabilityStatus>;
  /** The default bank account payouts go to, with Stripe's status of it (`new`, `verified`, `errored`, …). */
  bankAccount: { id: string; status: string } | null;
}

/** A failed payout, and the bank account it was sent to. */
export interface PayoutFailureFacts {
  code: string;
  bankAccountId: string | null;
}

/** Everything we know of a creator's connection to Stripe. */
export type CreatorConnection =
  | { account: null; disconnectedAt: Date | null }
  | { account: StripeAccountFacts; lastPayoutFailure: PayoutFailureFacts | null };

/** Which capabilities must be active for an account to be ACTIVE (configuration: STRIPE_CONNECT_*). */
export interface ReadinessPolicy {
  requiredCapabilities: readonly string[];
}

export interface ConnectState {
  status: StripeAccountStatus;
  nextAction: NextAction;
  /** When Stripe restricts the account unless the information is given; only with `provide_information`. */
  nextActionDeadline: Date | null;
}

/** Reasons Stripe (or the platform) gives when it has shut the account, as opposed to waiting for information. */
const SHUT_DOWN_REASONS = /^(rejected\.|listed$|platform_paused$)/;
/** Reasons saying Stripe is looking at what it was given: nothing for the creator to do but wait. */
const REVIEW_REASONS = new Set(['under_review', 'requirements.pending_verification']);
/** The requirement Stripe lists when payouts have no usable bank account. */
const BANK_ACCOUNT_REQUIREMENT = 'external_account';

/**
 * The ONE derivation of a creator's status and next action from what Stripe says, used by every path that stores
 * or shows an account (webhook, sync, return URL, GET status). The status keeps the seed's meaning, which
 * `dashboard-link` gates on:
 * - DISABLED   Stripe rejected, listed or paused the account (`disabled_reason` rejected.*, listed, platform_paused)
 * - PENDING    no account, or onboarding unfinished (`details_submitted` false)
 * - ACTIVE     details submitted, payouts enabled, every required capability active, no `disabled_reason`; what
 *              is merely due by a deadline does not take it away (Stripe has not restricted the account yet)
 * - RESTRICTED details submitted, but payouts off, a required capability not active, or a `disabled_reason`
 * The README's table lists every Stripe state with its status and next action.
 */
export function deriveConnectState(connection: CreatorConnection, policy: ReadinessPolicy): ConnectState {
  if (connection.account === null) {
    return act('PENDING', connection.disconnectedAt ? 'start_again' : 'start_onboarding');
  }
  const { account, lastPayoutFailure } = connection;
  const status = statusOf(account, policy);
  if (status === 'DISABLED') return act(status, 'contact_support');

  const { requirements } = account;
  const due = [...requirements.pastDue, ...requirements.currentlyDue];
  const dueBesidesBankAccount = due.filter((field) => field !== BANK_ACCOUNT_REQUIREMENT);
  const bankAccountUnusable =
    due.includes(BANK_ACCOUNT_REQUIREMENT) ||
    account.bankAccount?.status === 'errored' ||
    // Replacing the bank account a payout failed on settles the failure.
    (lastPayoutFailure !== null && lastPayoutFailure.bankAccountId === (account.bankAccount?.id ?? null));

  if (
    !account.detailsSubmitted ||
    dueBesidesBankAccount.length > 0 ||
    (account.disabledReason === 'requirements.past_due' && !bankAccountUnusable)
  ) {
    return { status, nextAction: 'provide_information', nextActionDeadline: requirements.currentDeadline };
  }
  if (bankAccountUnusable) return act(status, 'update_bank_account');
  if (
    requirements.pendingVerification.length > 0 ||
    REVIEW_REASONS.has(account.disabledReason ?? '') ||
    Object.values(account.capabilities).includes('pending')
  ) {
    return act(status, 'wait_for_review');
  }
  // Restricted with nothing the creator can give: payouts paused by the platform, capabilities not requested.
  return act(status, status === 'ACTIVE' ? 'none' : 'contact_support');
}

function statusOf(account: StripeAccountFacts, policy: ReadinessPolicy): StripeAccountStatus {
  if (account.disabledReason && SHUT_DOWN_REASONS.test(account.disabledReason)) return 'DISABLED';
  if (!account.detailsSubmitted) return 'PENDING';
  if (!account.disabledReason && account.payoutsEnabled && requiredCapabilitiesActive(account, policy))
    return 'ACTIVE';
  return 'RESTRICTED';
}

function requiredCapabilitiesActive(account: StripeAccountFacts, policy: ReadinessPolicy): boolean {
  const known = Object.keys(account.capabilities).length > 0;
  return policy.requiredCapabilities.every((name) =>
    known
      ? account.capabilities[name] === 'active'
      : // A snapshot stored before capabilities were kept: Stripe's flags are what it said of them.
        name === 'card_payments'
        ? account.chargesEnabled
        : account.payoutsEnabled,
  );
}

function act(status: StripeAccountStatus, nextAction: NextAction): ConnectState {
  return { status, nextAction, nextActionDeadline: null };
}
