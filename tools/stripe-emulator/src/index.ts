export type {
  AccountChange,
  ControllerInput,
  DeepPartial,
  EmulatorSeed,
  OnboardingOutcome,
  SeedAccount,
} from './accounts.js';
export { ONBOARDING_OUTCOMES } from './accounts.js';
export type { Clock } from './clock.js';
export {
  DEFAULT_HOST,
  DEFAULT_SECRET_KEY,
  type StripeEmulator,
  type StripeEmulatorOptions,
  startStripeEmulator,
} from './emulator.js';
export type { StripeErrorBody, StripeErrorDetails, StripeErrorType } from './errors.js';
export { EVENT_API_VERSION } from './events.js';
export type {
  FaultControls,
  FaultEffect,
  FaultKind,
  FaultSpec,
  FaultTarget,
  PendingFault,
} from './faults.js';
export { LINK_LIFETIME_SECONDS } from './links.js';
export type { RecordedRequest, RequestLogControls } from './request-log.js';
export { loadSeedFile, SeedError, seedFromJson } from './seed.js';
export { stripeSignatureHeader } from './signing.js';
export type * from './stripe-objects.js';
export {
  DEFAULT_WEBHOOK_RETRY,
  type ResumeOptions,
  type WebhookControls,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookRetryPolicy,
} from './webhooks.js';
