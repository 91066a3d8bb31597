/**
 * The states a Connect account really goes through, each as the fields Stripe shows for it. Controls and
 * the hosted onboarding page put an account into one of them; what changes is then reported as events.
 */
import { newBankAccount, withBankAccounts } from './bank-accounts.js';
import { emptyRequirements, ONBOARDING_REQUIREMENTS, VERIFICATION_DOCUMENT } from './requirements.js';
import type {
  Account,
  CapabilityName,
  CapabilityStatus,
  DisabledReason,
  RequirementError,
  UnixTime,
} from './stripe-objects.js';

/** The reasons Stripe (or the platform) gives for shutting an account, each a state of its own. */
const SHUT_DOWN_REASONS = [
  'under_review',
  'listed',
  'platform_paused',
  'rejected.fraud',
  'rejected.incomplete_verification',
  'rejected.listed',
  'rejected.other',
  'rejected.terms_of_service',
  'rejected.platform_fraud',
  'rejected.platform_other',
  'rejected.platform_terms_of_service',
] as const satisfies readonly DisabledReason[];

type ShutDownReason = (typeof SHUT_DOWN_REASONS)[number];

export const ACCOUNT_STATES = [
  /** Onboarding not finished: what it collects is past due (`requirements.past_due`). A new account. */
  'onboarding',
  /** Onboarding finished: the requested capabilities are active, a bank account is attached. */
  'enabled',
  /** Still enabled, but `fields` are `currently_due` by `current_deadline` ("restricted soon"). */
  'restricted_soon',
  /** `fields` are past due: charges and payouts are off (`requirements.past_due`). */
  'past_due',
  /** Stripe is verifying `fields`: charges and payouts are off (`requirements.pending_verification`). */
  'pending_verification',
  ...SHUT_DOWN_REASONS,
  /** No capability is requested any more (`action_required.requested_capabilities`). */
  'action_required.requested_capabilities',
  /** Enabled, with `fields` in `future_requirements`, due by their own deadline. */
  'future_requirements',
  /** Enabled, but the platform paused payouts: charges go on, `payouts_enabled` is false. */
  'payouts_paused',
] as const;

export type AccountState = (typeof ACCOUNT_STATES)[number];

export interface AccountStateOptions {
  /** The requirements concerned; `individual.verification.document` by default. */
  fields?: string[];
  /** `current_deadline` for `restricted_soon` (default in 14 days) and `future_requirements` (in 30 days). */
  deadline?: UnixTime;
  /** `requirements.errors` to report with `past_due` or `restricted_soon`, e.g. a document Stripe could not read. */
  errors?: RequirementError[];
}

/** The outcomes the hosted onboarding page offers, and the states they put the account in. */
export const OUTCOME_STATES = {
  complete: 'enabled',
  incomplete: 'onboarding',
  restrict: 'past_due',
  disable: 'rejected.other',
} as const satisfies Record<string, AccountState>;

export type OnboardingOutcome = keyof typeof OUTCOME_STATES;
export const ONBOARDING_OUTCOMES = Object.keys(OUTCOME_STATES) as OnboardingOutcome[];

export interface OnboardingFlags {
  details_submitted: boolean;
  charges_enabled: boolean;
  payouts_enabled: boolean;
}

const DAY = 24 * 60 * 60;

export function isAccountState(value: unknown): value is AccountState {
  return ACCOUNT_STATES.some((state) => state === value);
}

function requested(account: Account): CapabilityName[] {
  return Object.keys(account.capabilities) as CapabilityName[];
}

function everyCapability(account: Account, status: CapabilityStatus): Account['capabilities'] {
  return Object.fromEntries(requested(account).map((name) => [name, status]));
}

/** Capabilities following the flags a seed gives: `transfers` follows payouts, the others follow charges. */
export function capabilityStatusesFor(
  names: CapabilityName[],
  flags: OnboardingFlags,
): Account['capabilities'] {
  const statusOf = (name: CapabilityName) =>
    (name === 'transfers' ? flags.payouts_enabled : flags.charges_enabled) ? 'active' : 'inactive';
  return Object.fromEntries(names.map((name) => [name, statusOf(name)]));
}

/** Charges need `card_payments`; payouts need any active capability (a transfers-only recipient is paid out). */
function enabledFlags(capabilities: Account['capabilities']) {
  return {
    charges_enabled: capabilities.card_payments === 'active',
    payouts_enabled: Object.values(capabilities).includes('active'),
  };
}

function disabled(account: Account, capabilities: CapabilityStatus) {
  return {
    capabilities: everyCapability(account, capabilities),
    charges_enabled: false,
    payouts_enabled: false,
  };
}

/** Onboarding done: details submitted, terms accepted, a bank account attached, requested capabilities active. */
function enabled(account: Account, now: UnixTime): Account {
  const capabilities = everyCapability(account, 'active');
  const banked =
    account.external_accounts.data.length > 0
      ? account
      : withBankAccounts(account, [newBankAccount(account)]);
  return {
    ...banked,
    ...enabledFlags(capabilities),
    capabilities,
    details_submitted: true,
    requirements: emptyRequirements({
      disabled_reason: requested(account).length === 0 ? 'action_required.requested_capabilities' : null,
    }),
    future_requirements: emptyRequirements(),
    tos_acceptance:
      account.tos_acceptance.date === null
        ? { date: now, ip: '127.0.0.1', user_agent: 'Mozilla/5.0 (Stripe emulator onboarding)' }
        : account.tos_acceptance,
  };
}

/** The account in `state`; fields the state does not concern are kept. */
export function applyAccountState(
  account: Account,
  state: AccountState,
  { fields = [VERIFICATION_DOCUMENT], deadline, errors = [] }: AccountStateOptions,
  now: UnixTime,
): Account {
  switch (state) {
    case 'onboarding':
      return {
        ...account,
        ...disabled(account, 'inactive'),
        details_submitted: false,
        requirements: emptyRequirements({
          currently_due: [...ONBOARDING_REQUIREMENTS],
          eventually_due: [...ONBOARDING_REQUIREMENTS],
          past_due: [...ONBOARDING_REQUIREMENTS],
          disabled_reason: 'requirements.past_due',
        }),
      };
    case 'enabled':
      return enabled(account, now);
    case 'restricted_soon':
      return {
        ...enabled(account, now),
        requirements: emptyRequirements({
          currently_due: fields,
          eventually_due: fields,
          // A deadline Stripe has set stays put until someone gives another.
          current_deadline: deadline ?? account.requirements?.current_deadline ?? now + 14 * DAY,
          errors,
        }),
      };
    case 'future_requirements':
      return {
        ...enabled(account, now),
        future_requirements: emptyRequirements({
          currently_due: fields,
          eventually_due: fields,
          current_deadline: deadline ?? account.future_requirements?.current_deadline ?? now + 30 * DAY,
        }),
      };
    case 'payouts_paused':
      return { ...enabled(account, now), payouts_enabled: false };
    case 'past_due':
      return {
        ...account,
        ...disabled(account, 'inactive'),
        details_submitted: true,
        requirements: emptyRequirements({
          currently_due: fields,
          eventually_due: fields,
          past_due: fields,
          errors,
          disabled_reason: 'requirements.past_due',
        }),
      };
    case 'pending_verification':
      return {
        ...account,
        ...disabled(account, 'pending'),
        details_submitted: true,
        requirements: emptyRequirements({
          pending_verification: fields,
          disabled_reason: 'requirements.pending_verification',
        }),
      };
    case 'action_required.requested_capabilities':
      return {
        ...account,
        capabilities: {},
        charges_enabled: false,
        payouts_enabled: false,
        requirements: { ...account.requirements, disabled_reason: state },
      };
    default:
      return shutDown(account, state);
  }
}

/** Stripe or the platform stopped the account: the requirements stay as they were, with the reason. */
function shutDown(account: Account, reason: ShutDownReason): Account {
  return {
    ...account,
    ...disabled(account, 'inactive'),
    requirements: { ...account.requirements, disabled_reason: reason },
  };
}
