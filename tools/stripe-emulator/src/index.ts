export {
  ACCOUNT_STATES,
  type AccountState,
  type AccountStateOptions,
  ONBOARDING_OUTCOMES,
  type OnboardingOutcome,
} from './account-states.js';
export { CAPABILITY_NAMES } from './account-views.js';
export type { ControllerInput, DeepPartial, EmulatorSeed, SeedAccount } from './accounts.js';
export { DEFAULT_API_VERSION } from './api-version.js';
export type { PermissionLevel, PermissionResource, RestrictedKey } from './auth.js';
export type { BankAccountDetails } from './bank-accounts.js';
export type { Clock } from './clock.js';
export type { AccountChange } from './connect-changes.js';
export type { AccountControls, EventControls, PayoutControls } from './controls.js';
export {
  DEFAULT_HOST,
  DEFAULT_SECRET_KEY,
  EMULATOR_PLATFORM,
  type StripeEmulator,
  type StripeEmulatorOptions,
  startStripeEmulator,
} from './emulator.js';
export {
  EmulatorOptionError,
  type StripeErrorBody,
  type StripeErrorDetails,
  type StripeErrorType,
} from './errors.js';
export type {
  FaultControls,
  FaultEffect,
  FaultKind,
  FaultSpec,
  FaultStage,
  FaultTarget,
  PendingFault,
} from './faults.js';
export type { Latency } from './latency.js';
export { LINK_LIFETIME_SECONDS } from './links.js';
export type { NewPayoutInput } from './payouts.js';
export { PAYOUT_FAILURE_CODES, PAYOUT_FAILURE_MESSAGES } from './payouts.js';
export type { RecordedRequest, RequestLogControls } from './request-log.js';
export { loadSeedFile, SeedError, seedFromJson } from './seed.js';
export { stripeSignatureHeader } from './signing.js';
export type * from './stripe-objects.js';
export type { WebhookEndpointInput } from './webhook-endpoints.js';
export {
  type RegisteredEndpoint,
  type ResumeOptions,
  STRIPE_RETRY_SCHEDULES,
  type WebhookControls,
  type WebhookDelivery,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
} from './webhooks.js';
