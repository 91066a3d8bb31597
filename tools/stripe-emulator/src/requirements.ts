/** The requirement lists Stripe keeps on accounts, and the fields Express onboarding asks for. */
import type { AccountRequirements } from './stripe-objects.js';

/** What hosted onboarding collects from a new US Express account before it can be enabled. */
export const ONBOARDING_REQUIREMENTS: readonly string[] = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'individual.dob.day',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

/** What Stripe most often asks again after onboarding: a document proving the representative's identity. */
export const VERIFICATION_DOCUMENT = 'individual.verification.document';

export function emptyRequirements(overrides: Partial<AccountRequirements> = {}): AccountRequirements {
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
