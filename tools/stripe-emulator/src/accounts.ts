/** Connected accounts held in memory: creation through the API, seeding, lookup and changes. */
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import { isPlainObject } from './json.js';
import type {
  Account,
  AccountBusinessProfile,
  AccountController,
  AccountRequirements,
  DashboardType,
  LegacyAccountType,
  UnixTime,
} from './stripe-objects.js';

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * An account to preload. Every field is optional: what is missing is filled like a realistic Express
 * account (unless `type` or `controller.stripe_dashboard.type` says otherwise). `details_submitted`
 * defaults to `true`, as a seeded account is one that already exists; `charges_enabled`,
 * `payouts_enabled`, `requirements` and `capabilities` follow it unless given.
 */
export type SeedAccount = Omit<DeepPartial<Account>, 'object' | 'type'> & { type?: LegacyAccountType };

export interface EmulatorSeed {
  accounts?: SeedAccount[];
}

export type ControllerInput = DeepPartial<Omit<AccountController, 'type' | 'is_controller'>>;

export interface NewAccountInput {
  type?: LegacyAccountType;
  controller?: ControllerInput;
  country?: string;
  default_currency?: string;
  email?: string;
  business_type?: Account['business_type'];
  business_profile?: Partial<AccountBusinessProfile>;
  requested_capabilities?: string[];
  metadata?: Record<string, string>;
}

/** The outcomes the hosted onboarding page offers; each sets the status fields of a whole account. */
export type OnboardingOutcome = 'complete' | 'incomplete' | 'restrict' | 'disable';

export const ONBOARDING_OUTCOMES: readonly OnboardingOutcome[] = [
  'complete',
  'incomplete',
  'restrict',
  'disable',
];

/**
 * A change to an account: an onboarding outcome, or fields to merge into it (objects merge key by key,
 * arrays and scalars replace; `id` and `object` stay).
 */
export type AccountChange = OnboardingOutcome | DeepPartial<Account>;

export class UnknownAccountError extends Error {}
export class AccountChangeError extends Error {}

interface OnboardingState {
  details_submitted: boolean;
  charges_enabled: boolean;
  payouts_enabled: boolean;
}

/** What hosted onboarding collects from a new US Express account before it can be enabled. */
const ONBOARDING_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

/** Each legacy `type` stands for one controller configuration. */
const CONTROLLER_BY_TYPE: Record<LegacyAccountType, Omit<AccountController, 'type' | 'is_controller'>> = {
  express: {
    fees: { payer: 'application' },
    losses: { payments: 'application' },
    requirement_collection: 'stripe',
    stripe_dashboard: { type: 'express' },
  },
  standard: {
    fees: { payer: 'account' },
    losses: { payments: 'stripe' },
    requirement_collection: 'stripe',
    stripe_dashboard: { type: 'full' },
  },
  custom: {
    fees: { payer: 'application' },
    losses: { payments: 'application' },
    requirement_collection: 'application',
    stripe_dashboard: { type: 'none' },
  },
};

const TYPE_BY_DASHBOARD: Record<DashboardType, LegacyAccountType> = {
  express: 'express',
  full: 'standard',
  none: 'custom',
};

const EURO_COUNTRIES = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  ...Object.fromEntries(EURO_COUNTRIES.map((country) => [country, 'eur'])),
  AU: 'aud',
  CA: 'cad',
  CH: 'chf',
  GB: 'gbp',
  JP: 'jpy',
  NZ: 'nzd',
  SG: 'sgd',
  US: 'usd',
};

const EMPTY_BUSINESS_PROFILE: AccountBusinessProfile = {
  annual_revenue: null,
  estimated_worker_count: null,
  mcc: null,
  minority_owned_business_designation: null,
  name: null,
  product_description: null,
  support_address: null,
  support_email: null,
  support_phone: null,
  support_url: null,
  url: null,
};

/**
 * Stripe derives the legacy `type` from the dashboard the controller grants (no dashboard given means
 * `full`), and fills the controller fields that were not given from that type's configuration.
 */
export function resolveController(
  type: LegacyAccountType | undefined,
  controller: ControllerInput | undefined,
): { type: LegacyAccountType; controller: AccountController } {
  const resolvedType = type ?? TYPE_BY_DASHBOARD[controller?.stripe_dashboard?.type ?? 'full'];
  const defaults = CONTROLLER_BY_TYPE[resolvedType];
  return {
    type: resolvedType,
    controller: {
      type: 'application',
      is_controller: true,
      fees: { payer: controller?.fees?.payer ?? defaults.fees.payer },
      losses: { payments: controller?.losses?.payments ?? defaults.losses.payments },
      requirement_collection: controller?.requirement_collection ?? defaults.requirement_collection,
      stripe_dashboard: { type: controller?.stripe_dashboard?.type ?? defaults.stripe_dashboard.type },
    },
  };
}

/** What Stripe asks of an account whose identity check failed after onboarding. */
const VERIFICATION_DOCUMENT = 'individual.verification.document';

function requirements(overrides: Partial<AccountRequirements> = {}): AccountRequirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
    ...overrides,
  };
}

function requirementsFor(onboarding: OnboardingState): AccountRequirements {
  if (!onboarding.details_submitted) {
    return requirements({
      currently_due: [...ONBOARDING_REQUIREMENTS],
      eventually_due: [...ONBOARDING_REQUIREMENTS],
      past_due: [...ONBOARDING_REQUIREMENTS],
      disabled_reason: 'requirements.past_due',
    });
  }
  if (!onboarding.charges_enabled || !onboarding.payouts_enabled) {
    return requirements({
      pending_verification: ['individual.verification.document'],
      disabled_reason: 'requirements.pending_verification',
    });
  }
  return requirements();
}

function capabilityStatus(capability: string, onboarding: OnboardingState) {
  const enabled = capability === 'transfers' ? onboarding.payouts_enabled : onboarding.charges_enabled;
  return enabled ? 'active' : 'inactive';
}

function capabilitiesFor(names: string[], onboarding: OnboardingState): Account['capabilities'] {
  return Object.fromEntries(names.map((name) => [name, capabilityStatus(name, onboarding)]));
}

function acceptedTos(date: UnixTime): Account['tos_acceptance'] {
  return { date, ip: '127.0.0.1', user_agent: 'Mozilla/5.0 (Stripe emulator onboarding)' };
}

/** The settings block of Stripe's account fixture; its sub-schemas are outside the spec subset. */
function defaultSettings(): Account['settings'] {
  return {
    bacs_debit_payments: { display_name: null, service_user_number: null },
    branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
    card_issuing: { tos_acceptance: { date: null, ip: null } },
    card_payments: {
      decline_on: { avs_failure: true, cvc_failure: true },
      statement_descriptor_prefix: null,
      statement_descriptor_prefix_kana: null,
      statement_descriptor_prefix_kanji: null,
    },
    dashboard: { display_name: null, timezone: 'Etc/UTC' },
    invoices: { default_account_tax_ids: null, hosted_payment_method_save: null },
    payments: {
      statement_descriptor: null,
      statement_descriptor_kana: null,
      statement_descriptor_kanji: null,
      statement_descriptor_prefix_kana: null,
      statement_descriptor_prefix_kanji: null,
    },
    payouts: {
      debit_negative_balances: true,
      schedule: { delay_days: 2, interval: 'daily' },
      statement_descriptor: null,
    },
    sepa_debit_payments: {},
  };
}

function buildAccount(
  id: string,
  created: number,
  input: NewAccountInput,
  onboarding: OnboardingState,
): Account {
  const { type, controller } = resolveController(input.type, input.controller);
  const country = input.country ?? 'US';
  return {
    id,
    object: 'account',
    business_profile: { ...EMPTY_BUSINESS_PROFILE, ...input.business_profile },
    business_type: input.business_type ?? null,
    capabilities: capabilitiesFor(input.requested_capabilities ?? [], onboarding),
    charges_enabled: onboarding.charges_enabled,
    controller,
    country,
    created,
    default_currency: input.default_currency ?? CURRENCY_BY_COUNTRY[country] ?? 'usd',
    details_submitted: onboarding.details_submitted,
    email: input.email ?? null,
    external_accounts: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/accounts/${id}/external_accounts`,
    },
    future_requirements: requirements(),
    metadata: input.metadata ?? {},
    payouts_enabled: onboarding.payouts_enabled,
    requirements: requirementsFor(onboarding),
    settings: defaultSettings(),
    tos_acceptance: onboarding.details_submitted
      ? acceptedTos(created)
      : { date: null, ip: null, user_agent: null },
    type,
  };
}

/** Checks a change that may come from JSON or untyped code. */
export function assertAccountChange(change: unknown): asserts change is AccountChange {
  const isOutcome = ONBOARDING_OUTCOMES.some((outcome) => outcome === change);
  if (!isOutcome && !isPlainObject(change)) {
    throw new AccountChangeError(
      `An account change must be one of ${ONBOARDING_OUTCOMES.join(', ')} or an object of account fields.`,
    );
  }
}

/**
 * The status fields an outcome sets. Capabilities already requested follow the new flags, and submitting
 * details accepts the terms of service if that had not happened yet.
 */
function outcomeFields(account: Account, outcome: OnboardingOutcome, now: UnixTime): Partial<Account> {
  const withStatus = (onboarding: OnboardingState, accountRequirements: AccountRequirements) => ({
    ...onboarding,
    requirements: accountRequirements,
    capabilities: capabilitiesFor(Object.keys(account.capabilities), onboarding),
    tos_acceptance:
      onboarding.details_submitted && account.tos_acceptance.date === null
        ? acceptedTos(now)
        : account.tos_acceptance,
  });
  const disabled = { charges_enabled: false, payouts_enabled: false };
  switch (outcome) {
    case 'complete':
      return withStatus(
        { details_submitted: true, charges_enabled: true, payouts_enabled: true },
        requirements(),
      );
    case 'incomplete': {
      const onboarding = { details_submitted: false, ...disabled };
      return withStatus(onboarding, requirementsFor(onboarding));
    }
    case 'restrict':
      return withStatus(
        { details_submitted: true, ...disabled },
        requirements({
          currently_due: [VERIFICATION_DOCUMENT],
          eventually_due: [VERIFICATION_DOCUMENT],
          past_due: [VERIFICATION_DOCUMENT],
          disabled_reason: 'requirements.past_due',
        }),
      );
    case 'disable':
      return withStatus(
        { details_submitted: account.details_submitted, ...disabled },
        { ...account.requirements, disabled_reason: 'rejected.other' },
      );
  }
}

/** Objects merge key by key; arrays and scalars in `override` replace. */
function mergeDeep<T>(base: T, override: DeepPartial<T>): T {
  if (!isPlainObject(base) || !isPlainObject(override))
    return (override === undefined ? base : override) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep(base[key], value);
  }
  return merged as T;
}

export class AccountStore {
  private readonly accounts = new Map<string, Account>();

  constructor(private readonly clock: Clock) {}

  /** A new account, as `POST /v1/accounts` creates it: onboarding not started. */
  create(input: NewAccountInput): Account {
    const account = buildAccount(newId.account(), unixSeconds(this.clock), input, {
      details_submitted: false,
      charges_enabled: false,
      payouts_enabled: false,
    });
    this.accounts.set(account.id, account);
    return account;
  }

  /** Adds (or replaces, by id) an account completed from a partial description. */
  seed(seed: SeedAccount): Account {
    const dashboard = seed.controller?.stripe_dashboard?.type;
    const detailsSubmitted = seed.details_submitted ?? true;
    const onboarding = {
      details_submitted: detailsSubmitted,
      charges_enabled: seed.charges_enabled ?? detailsSubmitted,
      payouts_enabled: seed.payouts_enabled ?? detailsSubmitted,
    };
    const base = buildAccount(
      seed.id ?? newId.account(),
      seed.created ?? unixSeconds(this.clock),
      {
        type: seed.type ?? (dashboard === undefined ? 'express' : undefined),
        controller: seed.controller,
        country: seed.country,
        requested_capabilities: ['card_payments', 'transfers'],
      },
      onboarding,
    );
    const account = mergeDeep(base, seed);
    this.accounts.set(account.id, account);
    return account;
  }

  get(id: string): Account | undefined {
    return this.accounts.get(id);
  }

  /** Applies a change to an existing account; the account before it is left untouched. */
  update(id: string, change: AccountChange): { before: Account; after: Account } {
    const before = this.accounts.get(id);
    if (!before) throw new UnknownAccountError(`No such account: ${id}`);
    assertAccountChange(change);
    const fields =
      typeof change === 'string' ? outcomeFields(before, change, unixSeconds(this.clock)) : change;
    const after: Account = { ...mergeDeep<Account>(before, fields), id: before.id, object: 'account' };
    this.accounts.set(id, after);
    return { before, after };
  }
}
