/**
 * The Stripe objects the emulator returns. The account, links, errors and events follow `components.schemas`
 * of Stripe's OpenAPI spec (subset in test/fixtures); the other objects (capability, bank account, payout,
 * person, application, webhook endpoint) follow the `stripe` package's own types, which the type-level test
 * (test/sdk-types.spec.ts) holds every one of these types to.
 */

/** Seconds since the Unix epoch (`format: unix-time`). */
export type UnixTime = number;

export type AccountType = 'custom' | 'express' | 'none' | 'standard';
/** The `type` values `POST /v1/accounts` accepts (the deprecated way to choose a controller). */
export type LegacyAccountType = Exclude<AccountType, 'none'>;
export type DashboardType = 'express' | 'full' | 'none';

export interface AccountController {
  type: 'account' | 'application';
  is_controller: boolean;
  fees: { payer: 'account' | 'application' | 'application_custom' | 'application_express' };
  losses: { payments: 'application' | 'stripe' };
  requirement_collection: 'application' | 'stripe';
  stripe_dashboard: { type: DashboardType };
}

export type DisabledReason =
  | 'action_required.requested_capabilities'
  | 'listed'
  | 'other'
  | 'platform_paused'
  | 'rejected.fraud'
  | 'rejected.incomplete_verification'
  | 'rejected.listed'
  | 'rejected.other'
  | 'rejected.platform_fraud'
  | 'rejected.platform_other'
  | 'rejected.platform_terms_of_service'
  | 'rejected.terms_of_service'
  | 'requirements.past_due'
  | 'requirements.pending_verification'
  | 'under_review';

/** The codes of `requirements.errors` the emulator's controls can set (a subset of Stripe's). */
export type RequirementErrorCode =
  | 'information_missing'
  | 'invalid_address_city_state_postal_code'
  | 'invalid_dob_age_under_18'
  | 'invalid_street_address'
  | 'invalid_tax_id'
  | 'invalid_url_format'
  | 'verification_document_expired'
  | 'verification_document_not_readable'
  | 'verification_failed_id_number_match'
  | 'verification_failed_keyed_identity'
  | 'verification_failed_other';

export interface RequirementError {
  code: RequirementErrorCode;
  reason: string;
  requirement: string;
}

export interface AccountRequirements {
  alternatives: { alternative_fields_due: string[]; original_fields_due: string[] }[];
  current_deadline: UnixTime | null;
  currently_due: string[];
  disabled_reason: DisabledReason | null;
  errors: RequirementError[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
}

export interface AccountBusinessProfile {
  annual_revenue: { amount: number | null; currency: string | null; fiscal_year_end: string | null } | null;
  estimated_worker_count: number | null;
  mcc: string | null;
  minority_owned_business_designation: string[] | null;
  name: string | null;
  product_description: string | null;
  specified_commercial_transactions_act_url: string | null;
  support_address: Address | null;
  support_email: string | null;
  support_phone: string | null;
  support_url: string | null;
  url: string | null;
}

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export type CapabilityStatus = 'active' | 'inactive' | 'pending';
/** The capabilities the emulator models; others are refused as Stripe refuses unknown ones. */
export type CapabilityName = 'card_payments' | 'transfers';

export interface AccountSettings {
  bacs_debit_payments: { display_name: string | null; service_user_number: string | null };
  branding: {
    icon: string | null;
    logo: string | null;
    primary_color: string | null;
    secondary_color: string | null;
  };
  card_issuing: { tos_acceptance: { date: UnixTime | null; ip: string | null } };
  card_payments: {
    decline_on: { avs_failure: boolean; cvc_failure: boolean };
    statement_descriptor_prefix: string | null;
    statement_descriptor_prefix_kana: string | null;
    statement_descriptor_prefix_kanji: string | null;
  };
  dashboard: { display_name: string | null; timezone: string | null };
  invoices: { default_account_tax_ids: string[] | null; hosted_payment_method_save: 'always' | null };
  payments: {
    statement_descriptor: string | null;
    statement_descriptor_kana: string | null;
    statement_descriptor_kanji: string | null;
    statement_descriptor_prefix_kana: string | null;
    statement_descriptor_prefix_kanji: string | null;
  };
  payouts: {
    debit_negative_balances: boolean;
    schedule: { delay_days: number; interval: 'daily' | 'manual' | 'monthly' | 'weekly' };
    statement_descriptor: string | null;
  };
  sepa_debit_payments: Record<string, never>;
}

export interface Account {
  id: string;
  object: 'account';
  business_profile: AccountBusinessProfile;
  business_type: 'company' | 'government_entity' | 'individual' | 'non_profit' | null;
  /** The requested capabilities and their status; an unrequested capability is absent. */
  capabilities: Partial<Record<CapabilityName, CapabilityStatus>>;
  charges_enabled: boolean;
  controller: AccountController;
  country: string;
  created: UnixTime;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  external_accounts: ApiList<BankAccount>;
  future_requirements: AccountRequirements;
  metadata: Record<string, string>;
  payouts_enabled: boolean;
  requirements: AccountRequirements;
  settings: AccountSettings;
  tos_acceptance: { date: UnixTime | null; ip: string | null; user_agent: string | null };
  type: AccountType;
}

export interface DeletedObject<O extends string> {
  id: string;
  object: O;
  deleted: true;
}

/** Stripe's list envelope, as `GET /v1/...` lists and `external_accounts` carry it. */
export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  /** Present on the lists nested in an object, like `external_accounts`. */
  total_count?: number;
  url: string;
}

export interface AccountLink {
  object: 'account_link';
  created: UnixTime;
  expires_at: UnixTime;
  url: string;
}

export interface LoginLink {
  object: 'login_link';
  created: UnixTime;
  url: string;
}

/** Capabilities have their own vocabulary for why they are not active. */
export type CapabilityDisabledReason =
  | 'other'
  | 'paused.inactivity'
  | 'pending.onboarding'
  | 'pending.review'
  | 'platform_disabled'
  | 'platform_paused'
  | 'rejected.inactivity'
  | 'rejected.other'
  | 'rejected.unsupported_business'
  | 'requirements.fields_needed';

export interface CapabilityRequirements extends Omit<AccountRequirements, 'disabled_reason'> {
  disabled_reason: CapabilityDisabledReason | null;
}

export interface Capability {
  /** The capability's name, e.g. `transfers`. */
  id: CapabilityName;
  object: 'capability';
  account: string;
  future_requirements: CapabilityRequirements;
  requested: boolean;
  requested_at: UnixTime | null;
  requirements: CapabilityRequirements;
  status: CapabilityStatus | 'unrequested';
}

export type BankAccountStatus = 'errored' | 'new' | 'validated' | 'verification_failed' | 'verified';

export interface BankAccount {
  id: string;
  object: 'bank_account';
  account: string;
  account_holder_name: string | null;
  account_holder_type: 'company' | 'individual' | null;
  account_type: string | null;
  available_payout_methods: ('instant' | 'standard')[];
  bank_name: string | null;
  country: string;
  currency: string;
  default_for_currency: boolean;
  fingerprint: string;
  future_requirements: BankAccountRequirements;
  last4: string;
  metadata: Record<string, string>;
  requirements: BankAccountRequirements;
  routing_number: string | null;
  status: BankAccountStatus;
}

export interface BankAccountRequirements {
  currently_due: string[];
  errors: RequirementError[];
  past_due: string[];
  pending_verification: string[];
}

/** Stripe's documented payout failure codes. */
export type PayoutFailureCode =
  | 'account_closed'
  | 'account_frozen'
  | 'bank_account_restricted'
  | 'bank_ownership_changed'
  | 'could_not_process'
  | 'debit_not_authorized'
  | 'declined'
  | 'incorrect_account_holder_address'
  | 'incorrect_account_holder_name'
  | 'incorrect_account_holder_tax_id'
  | 'insufficient_funds'
  | 'invalid_account_number'
  | 'invalid_currency'
  | 'no_account'
  | 'unsupported_card';

export type PayoutStatus = 'canceled' | 'failed' | 'in_transit' | 'paid' | 'pending';

export interface Payout {
  id: string;
  object: 'payout';
  amount: number;
  application_fee: string | null;
  application_fee_amount: number | null;
  arrival_date: UnixTime;
  automatic: boolean;
  balance_transaction: string | null;
  created: UnixTime;
  currency: string;
  description: string | null;
  /** The bank account paid into (`ba_...`). */
  destination: string | null;
  failure_balance_transaction: string | null;
  failure_code: PayoutFailureCode | null;
  failure_message: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  method: 'instant' | 'standard';
  original_payout: string | null;
  payout_method: string | null;
  reconciliation_status: 'completed' | 'in_progress' | 'not_applicable';
  reversed_by: string | null;
  source_type: 'bank_account' | 'card' | 'fpx';
  statement_descriptor: string | null;
  status: PayoutStatus;
  trace_id: { status: string; value: string | null } | null;
  type: 'bank_account' | 'card';
}

export type VerificationStatus = 'pending' | 'unverified' | 'verified';

/** The account's representative, as Express onboarding records it. */
export interface Person {
  id: string;
  object: 'person';
  account: string;
  created: UnixTime;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  metadata: Record<string, string>;
  relationship: {
    authorizer: boolean | null;
    director: boolean | null;
    executive: boolean | null;
    legal_guardian: boolean | null;
    owner: boolean | null;
    percent_ownership: number | null;
    representative: boolean | null;
    title: string | null;
  };
  future_requirements: PersonRequirements;
  requirements: PersonRequirements;
  verification: {
    details: string | null;
    details_code: string | null;
    status: VerificationStatus;
  };
}

export interface PersonRequirements {
  alternatives: { alternative_fields_due: string[]; original_fields_due: string[] }[];
  currently_due: string[];
  errors: RequirementError[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
}

/** The platform's Connect application, as `account.application.deauthorized` carries it. */
export interface Application {
  id: string;
  object: 'application';
  name: string | null;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  application: string | null;
  created: UnixTime;
  description: string | null;
  enabled_events: string[];
  livemode: boolean;
  metadata: Record<string, string>;
  /** Only in the answer to the creation, as on Stripe. */
  secret?: string;
  status: 'disabled' | 'enabled';
  url: string;
}

/** Every event type the emulator emits, with the object its `data.object` holds. */
export interface EventObjects {
  'account.updated': Account;
  'account.application.deauthorized': Application;
  'account.external_account.created': BankAccount;
  'account.external_account.updated': BankAccount;
  'account.external_account.deleted': BankAccount;
  'capability.updated': Capability;
  'payout.created': Payout;
  'payout.paid': Payout;
  'payout.failed': Payout;
  'person.updated': Person;
}

export type EventType = keyof EventObjects;

/** `components.schemas.event`: a change Stripe recorded, as retrieved and as sent to webhook endpoints. */
export interface EventOf<T extends EventType> {
  id: string;
  object: 'event';
  /** The connected account the event comes from; absent for the platform's own events. */
  account?: string;
  api_version: string | null;
  created: UnixTime;
  data: {
    object: EventObjects[T];
    /** For `*.updated` events: the previous values of the attributes that changed. */
    previous_attributes?: Partial<EventObjects[T]>;
  };
  livemode: boolean;
  /** Endpoints this event has not yet been delivered to successfully. */
  pending_webhooks: number;
  /** The API request that caused the event; both null when a control (a test) or time caused it. */
  request: { id: string | null; idempotency_key: string | null };
  type: T;
}

export type StripeEvent = { [T in EventType]: EventOf<T> }[EventType];
export type AccountUpdatedEvent = EventOf<'account.updated'>;
