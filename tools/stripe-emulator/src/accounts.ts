/** Connected accounts held in memory: creation through the API, seeding, lookup and replacement. */
import { applyAccountState, capabilityStatusesFor, type OnboardingFlags } from './account-states.js';
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import { isPlainObject } from './json.js';
import { emptyRequirements } from './requirements.js';
import type {
  Account,
  AccountBusinessProfile,
  AccountController,
  AccountSettings,
  CapabilityName,
  DashboardType,
  LegacyAccountType,
  Person,
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
  /** Undefined: the platform's default capabilities are requested, as Stripe does. */
  requested_capabilities?: CapabilityName[];
  metadata?: Record<string, string>;
}

/** Whether, and since when, the platform can reach the account with its keys. */
export type AccountConnection = 'connected' | 'deauthorized' | 'deleted';

/** An account with what Stripe keeps beside it: its representative and its connection to the platform. */
export interface AccountRecord {
  account: Account;
  /** When each requested capability was requested (`requested_at`). */
  requestedAt: Partial<Record<CapabilityName, UnixTime>>;
  person: Person;
  connection: AccountConnection;
}

export class UnknownAccountError extends Error {}

/**
 * What the emulator's platform requests for an account created without `capabilities`: Stripe requests the
 * capabilities set in the platform's Connect settings, and these are the ones a US platform paying creators
 * starts with.
 */
export const DEFAULT_CAPABILITIES: readonly CapabilityName[] = ['card_payments', 'transfers'];

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
  specified_commercial_transactions_act_url: null,
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

/** The settings block of Stripe's account fixture. */
function defaultSettings(): AccountSettings {
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

function newPerson(accountId: string, created: UnixTime, email: string | null): Person {
  const requirements = {
    alternatives: [],
    currently_due: [],
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  return {
    id: newId.person(),
    object: 'person',
    account: accountId,
    created,
    email,
    first_name: null,
    last_name: null,
    metadata: {},
    relationship: {
      authorizer: null,
      director: null,
      executive: null,
      legal_guardian: null,
      owner: null,
      percent_ownership: null,
      representative: true,
      title: null,
    },
    future_requirements: requirements,
    requirements,
    verification: { details: null, details_code: null, status: 'unverified' },
  };
}

/** A fresh account (before any onboarding state is applied to it). */
function newRecord(id: string, created: UnixTime, input: NewAccountInput): AccountRecord {
  const { type, controller } = resolveController(input.type, input.controller);
  const country = input.country ?? 'US';
  const requested = input.requested_capabilities ?? DEFAULT_CAPABILITIES;
  const email = input.email ?? null;
  const account: Account = {
    id,
    object: 'account',
    business_profile: { ...EMPTY_BUSINESS_PROFILE, ...input.business_profile },
    business_type: input.business_type ?? null,
    capabilities: Object.fromEntries(requested.map((name) => [name, 'inactive'])),
    charges_enabled: false,
    controller,
    country,
    created,
    default_currency: input.default_currency ?? CURRENCY_BY_COUNTRY[country] ?? 'usd',
    details_submitted: false,
    email,
    external_accounts: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/accounts/${id}/external_accounts`,
    },
    future_requirements: emptyRequirements(),
    metadata: input.metadata ?? {},
    payouts_enabled: false,
    requirements: emptyRequirements(),
    settings: defaultSettings(),
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type,
  };
  return {
    account,
    requestedAt: Object.fromEntries(requested.map((name) => [name, created])),
    person: newPerson(id, created, email),
    connection: 'connected',
  };
}

/** Objects merge key by key; arrays and scalars in `override` replace. */
export function mergeDeep<T>(base: T, override: DeepPartial<T>): T {
  if (!isPlainObject(base) || !isPlainObject(override))
    return (override === undefined ? base : override) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep(base[key], value);
  }
  return merged as T;
}

export class AccountStore {
  private readonly records = new Map<string, AccountRecord>();

  constructor(private readonly clock: Clock) {}

  /** A new account, as `POST /v1/accounts` creates it: onboarding not started. */
  create(input: NewAccountInput): Account {
    const now = unixSeconds(this.clock);
    const fresh = newRecord(newId.account(), now, input);
    const record = { ...fresh, account: applyAccountState(fresh.account, 'onboarding', {}, now) };
    this.records.set(record.account.id, record);
    return record.account;
  }

  /** Adds (or replaces, by id) an account completed from a partial description. */
  seed(seed: SeedAccount): Account {
    const now = unixSeconds(this.clock);
    const dashboard = seed.controller?.stripe_dashboard?.type;
    const detailsSubmitted = seed.details_submitted ?? true;
    const flags: OnboardingFlags = {
      details_submitted: detailsSubmitted,
      charges_enabled: seed.charges_enabled ?? detailsSubmitted,
      payouts_enabled: seed.payouts_enabled ?? detailsSubmitted,
    };
    const seededCapabilities = Object.keys(seed.capabilities ?? {}) as CapabilityName[];
    const fresh = newRecord(seed.id ?? newId.account(), seed.created ?? now, {
      type: seed.type ?? (dashboard === undefined ? 'express' : undefined),
      controller: seed.controller,
      country: seed.country,
      email: seed.email ?? undefined,
      requested_capabilities: seededCapabilities.length > 0 ? seededCapabilities : undefined,
    });
    const state = !flags.details_submitted
      ? 'onboarding'
      : flags.charges_enabled && flags.payouts_enabled
        ? 'enabled'
        : 'pending_verification';
    const stated = applyAccountState(fresh.account, state, {}, fresh.account.created);
    const withFlags: Account = {
      ...stated,
      ...flags,
      capabilities: capabilityStatusesFor(Object.keys(stated.capabilities) as CapabilityName[], flags),
    };
    const record = { ...fresh, account: mergeDeep(withFlags, seed) };
    this.records.set(record.account.id, record);
    return record.account;
  }

  /** The account as the platform's keys see it: undefined once deleted or disconnected. */
  get(id: string): Account | undefined {
    const record = this.records.get(id);
    return record?.connection === 'connected' ? record.account : undefined;
  }

  /** The account and what Stripe keeps beside it, whether or not the platform can still reach it. */
  record(id: string): AccountRecord {
    const record = this.records.get(id);
    if (!record) throw new UnknownAccountError(`No such account: ${id}`);
    return record;
  }

  save(record: AccountRecord): void {
    this.records.set(record.account.id, record);
  }

  /** The accounts connected to the platform, newest first, as `GET /v1/accounts` lists them. */
  list(): Account[] {
    return [...this.records.values()]
      .filter((record) => record.connection === 'connected')
      .map((record) => record.account)
      .reverse();
  }

  /** Every account still connected, for checks that run across all of them (deadlines). */
  connected(): AccountRecord[] {
    return [...this.records.values()].filter((record) => record.connection === 'connected');
  }
}
