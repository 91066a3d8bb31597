/**
 * The objects Stripe derives from an account's state: its capabilities and its representative (person).
 * Derived rather than stored, so they can never disagree with the account.
 */
import type { AccountRecord } from './accounts.js';
import { emptyRequirements } from './requirements.js';
import type {
  AccountRequirements,
  Capability,
  CapabilityDisabledReason,
  CapabilityName,
  CapabilityRequirements,
  Person,
  PersonRequirements,
  VerificationStatus,
} from './stripe-objects.js';

/** The capabilities the emulator models, in the order Stripe lists them. */
export const CAPABILITY_NAMES: readonly CapabilityName[] = ['card_payments', 'transfers'];

export function isCapabilityName(name: string): name is CapabilityName {
  return CAPABILITY_NAMES.some((known) => known === name);
}

/** Why a capability is not active, in the capability's own vocabulary. */
function capabilityDisabledReason(record: AccountRecord): CapabilityDisabledReason {
  const reason = record.account.requirements.disabled_reason;
  if (!record.account.details_submitted) return 'pending.onboarding';
  if (reason === 'requirements.past_due') return 'requirements.fields_needed';
  if (reason === 'platform_paused') return 'platform_paused';
  if (reason?.startsWith('rejected.')) return 'rejected.other';
  if (reason === 'requirements.pending_verification' || reason === 'under_review' || reason === 'listed')
    return 'pending.review';
  return 'other';
}

function capabilityRequirements(
  requirements: AccountRequirements,
  disabledReason: CapabilityDisabledReason | null,
): CapabilityRequirements {
  return { ...requirements, disabled_reason: disabledReason };
}

export function capabilityOf(record: AccountRecord, name: CapabilityName): Capability {
  const { account } = record;
  const status = account.capabilities[name];
  const base = { id: name, object: 'capability' as const, account: account.id };
  if (status === undefined) {
    const none = capabilityRequirements(emptyRequirements(), null);
    return {
      ...base,
      future_requirements: none,
      requested: false,
      requested_at: null,
      requirements: none,
      status: 'unrequested',
    };
  }
  return {
    ...base,
    future_requirements: capabilityRequirements(account.future_requirements, null),
    requested: true,
    requested_at: record.requestedAt[name] ?? account.created,
    requirements: capabilityRequirements(
      account.requirements,
      status === 'active' ? null : capabilityDisabledReason(record),
    ),
    status,
  };
}

const PERSON_PREFIXES = ['individual.', 'representative.'];

/** The account's requirements that concern its representative, named as on the person (`verification.document`). */
function personRequirements(requirements: AccountRequirements): PersonRequirements {
  const own = (fields: string[]) =>
    fields.flatMap((field) => {
      const prefix = PERSON_PREFIXES.find((candidate) => field.startsWith(candidate));
      return prefix === undefined ? [] : [field.slice(prefix.length)];
    });
  return {
    alternatives: [],
    currently_due: own(requirements.currently_due),
    errors: requirements.errors.flatMap((error) => {
      const [requirement] = own([error.requirement]);
      return requirement === undefined ? [] : [{ ...error, requirement }];
    }),
    eventually_due: own(requirements.eventually_due),
    past_due: own(requirements.past_due),
    pending_verification: own(requirements.pending_verification),
  };
}

function verificationStatus(requirements: PersonRequirements, detailsSubmitted: boolean): VerificationStatus {
  const isVerification = (field: string) => field.startsWith('verification.');
  if (requirements.pending_verification.some(isVerification)) return 'pending';
  if (!detailsSubmitted || requirements.past_due.some(isVerification)) return 'unverified';
  return 'verified';
}

export function personOf(record: AccountRecord): Person {
  const { account, person } = record;
  const requirements = personRequirements(account.requirements);
  return {
    ...person,
    future_requirements: personRequirements(account.future_requirements),
    requirements,
    verification: {
      ...person.verification,
      status: verificationStatus(requirements, account.details_submitted),
    },
  };
}
