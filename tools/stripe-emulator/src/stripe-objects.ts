/**
 * The Stripe objects the emulator returns, typed after `components.schemas` of Stripe's OpenAPI spec
 * (2026-07-29.dahlia). Schemas the spec only references (settings blocks, business profile sub-objects)
 * are left as open records.
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

export interface AccountRequirements {
  alternatives: { alternative_fields_due: string[]; original_fields_due: string[] }[];
  current_deadline: UnixTime | null;
  currently_due: string[];
  disabled_reason: DisabledReason | null;
  errors: { code: string; reason: string; requirement: string }[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
}

export interface AccountBusinessProfile {
  annual_revenue: Record<string, unknown> | null;
  estimated_worker_count: number | null;
  mcc: string | null;
  minority_owned_business_designation: string[] | null;
  name: string | null;
  product_description: string | null;
  support_address: Record<string, unknown> | null;
  support_email: string | null;
  support_phone: string | null;
  support_url: string | null;
  url: string | null;
}

export type CapabilityStatus = 'active' | 'inactive' | 'pending';

export interface Account {
  id: string;
  object: 'account';
  business_profile: AccountBusinessProfile;
  business_type: 'company' | 'government_entity' | 'individual' | 'non_profit' | null;
  capabilities: Record<string, CapabilityStatus>;
  charges_enabled: boolean;
  controller: AccountController;
  country: string;
  created: UnixTime;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  external_accounts: { object: 'list'; data: unknown[]; has_more: boolean; total_count: number; url: string };
  future_requirements: AccountRequirements;
  metadata: Record<string, string>;
  payouts_enabled: boolean;
  requirements: AccountRequirements;
  settings: Record<string, Record<string, unknown>>;
  tos_acceptance: { date: UnixTime | null; ip: string | null; user_agent: string | null };
  type: AccountType;
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

/** `components.schemas.event`: a change Stripe recorded, as retrieved and as sent to webhook endpoints. */
export interface StripeEvent<T = unknown> {
  id: string;
  object: 'event';
  /** The connected account the event comes from. */
  account?: string;
  api_version: string | null;
  created: UnixTime;
  data: {
    object: T;
    /** For `*.updated` events: the previous values of the attributes that changed. */
    previous_attributes?: Record<string, unknown>;
  };
  livemode: boolean;
  /** Endpoints this event has not yet been delivered to successfully. */
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null } | null;
  type: string;
}

export interface AccountUpdatedEvent extends StripeEvent<Account> {
  type: 'account.updated';
  data: { object: Account; previous_attributes: Partial<Account> };
}
