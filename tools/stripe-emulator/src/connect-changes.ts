/**
 * Every change to a connected account, its bank accounts or its payouts, whoever makes it (an API call, the
 * hosted onboarding page, a test control, a deadline passing), goes through here: the change itself, then
 * one event for each object that really changed (none when nothing did), then their delivery.
 */
import {
  type AccountState,
  type AccountStateOptions,
  applyAccountState,
  isAccountState,
  type OnboardingOutcome,
  OUTCOME_STATES,
} from './account-states.js';
import { CAPABILITY_NAMES, capabilityOf, personOf } from './account-views.js';
import { type AccountRecord, type DeepPartial, mergeDeep } from './accounts.js';
import { type BankAccountDetails, newBankAccount, withBankAccounts } from './bank-accounts.js';
import { unixSeconds } from './clock.js';
import { type EventCause, type EventDraft, NO_REQUEST, previousAttributes } from './events.js';
import { isPlainObject } from './json.js';
import { BANK_ACCOUNT_FAILURES, type NewPayoutInput } from './payouts.js';
import type { EmulatorState } from './state.js';
import type {
  Account,
  AccountUpdatedEvent,
  Payout,
  PayoutFailureCode,
  StripeEvent,
} from './stripe-objects.js';

/**
 * A change to an account: a state (or one of the onboarding page's outcomes), or fields to merge into it
 * (objects merge key by key, arrays and scalars replace; `id` and `object` stay).
 */
export type AccountChange = AccountState | OnboardingOutcome | DeepPartial<Account>;

export class AccountChangeError extends Error {}

export interface Emitted {
  /** The events recorded, in the order they were sent. */
  events: StripeEvent[];
  /** Settles once the first attempt to deliver each of them is over; retries go on after it. */
  firstDeliveryAttempts: Promise<void>;
}

function isOutcome(value: unknown): value is OnboardingOutcome {
  return typeof value === 'string' && Object.hasOwn(OUTCOME_STATES, value);
}

/** Checks a change that may come from JSON or untyped code. */
export function assertAccountChange(change: unknown): asserts change is AccountChange {
  if (!isAccountState(change) && !isOutcome(change) && !isPlainObject(change)) {
    throw new AccountChangeError(
      'An account change must be one of the states (enabled, past_due, under_review, …), one of complete, incomplete, restrict, disable, or an object of account fields.',
    );
  }
}

/** What changed between two versions of an account, as the events Stripe sends for it. */
function accountEventDrafts(before: AccountRecord, after: AccountRecord): EventDraft[] {
  const account = after.account.id;
  const drafts: EventDraft[] = [];
  const bankBefore = new Map(before.account.external_accounts.data.map((bank) => [bank.id, bank]));
  const bankAfter = new Map(after.account.external_accounts.data.map((bank) => [bank.id, bank]));
  for (const [id, bank] of bankAfter) {
    const previous = bankBefore.get(id);
    if (!previous) drafts.push({ type: 'account.external_account.created', object: bank, account });
    else if (Object.keys(previousAttributes(previous, bank)).length > 0) {
      drafts.push({
        type: 'account.external_account.updated',
        object: bank,
        previous_attributes: previousAttributes(previous, bank),
        account,
      });
    }
  }
  for (const [id, bank] of bankBefore) {
    if (!bankAfter.has(id)) drafts.push({ type: 'account.external_account.deleted', object: bank, account });
  }
  const [personBefore, personAfter] = [personOf(before), personOf(after)];
  const personChanges = previousAttributes(personBefore, personAfter);
  if (Object.keys(personChanges).length > 0) {
    drafts.push({ type: 'person.updated', object: personAfter, previous_attributes: personChanges, account });
  }
  for (const name of CAPABILITY_NAMES) {
    const [capabilityBefore, capabilityAfter] = [capabilityOf(before, name), capabilityOf(after, name)];
    const changes = previousAttributes(capabilityBefore, capabilityAfter);
    if (Object.keys(changes).length > 0) {
      drafts.push({
        type: 'capability.updated',
        object: capabilityAfter,
        previous_attributes: changes,
        account,
      });
    }
  }
  // Bank accounts have events of their own; Stripe does not report them as a change of the account.
  const accountChanges = previousAttributes(before.account, after.account, ['external_accounts']);
  if (Object.keys(accountChanges).length > 0) {
    drafts.push({
      type: 'account.updated',
      object: after.account,
      previous_attributes: accountChanges,
      account,
    });
  }
  return drafts;
}

/** Records the drafts as events and sends them to the endpoints listening to them. */
function emit(state: EmulatorState, drafts: EventDraft[], cause: EventCause): Emitted {
  const events = drafts.map((draft) => state.events.record(draft, cause) as StripeEvent);
  const attempts = events.map((event) => state.webhooks.dispatch(event));
  return { events, firstDeliveryAttempts: Promise.all(attempts).then(() => undefined) };
}

/** Applies `change` to an account and reports what changed. */
export function changeAccount(
  state: EmulatorState,
  accountId: string,
  change: (record: AccountRecord) => AccountRecord,
  cause: EventCause = NO_REQUEST,
): Emitted {
  const before = state.accounts.record(accountId);
  const after = change(structuredClone(before));
  state.accounts.save(after);
  return emit(state, accountEventDrafts(before, after), cause);
}

/** The account with `change` applied: a state, an outcome, or fields merged in. */
function changedAccount(
  state: EmulatorState,
  account: Account,
  change: AccountChange,
  options: AccountStateOptions,
) {
  const now = unixSeconds(state.clock);
  if (isOutcome(change)) return applyAccountState(account, OUTCOME_STATES[change], options, now);
  if (isAccountState(change)) return applyAccountState(account, change, options, now);
  return { ...mergeDeep<Account>(account, change), id: account.id, object: 'account' as const };
}

export function setAccountState(
  state: EmulatorState,
  accountId: string,
  change: AccountChange,
  options: AccountStateOptions = {},
  cause: EventCause = NO_REQUEST,
): Emitted {
  assertAccountChange(change);
  return changeAccount(
    state,
    accountId,
    (record) => ({ ...record, account: changedAccount(state, record.account, change, options) }),
    cause,
  );
}

/**
 * The first control's contract: the `account.updated` event the change caused. A change that leaves the
 * account as it was is refused, since Stripe would send no event and a test waiting for one would hang.
 */
export function updateAccount(
  state: EmulatorState,
  accountId: string,
  change: AccountChange,
): AccountUpdatedEvent {
  assertAccountChange(change);
  const unchanged = state.accounts.record(accountId).account;
  const after = changedAccount(state, structuredClone(unchanged), change, {});
  if (Object.keys(previousAttributes(unchanged, after, ['external_accounts'])).length === 0) {
    throw new AccountChangeError(
      `The change leaves ${accountId} as it was: Stripe sends no account.updated for it.`,
    );
  }
  const { events } = setAccountState(state, accountId, change);
  const updated = events.find((event): event is AccountUpdatedEvent => event.type === 'account.updated');
  if (!updated) throw new AccountChangeError(`No account.updated was sent for ${accountId}.`);
  return updated;
}

/** The account disconnects from the platform: the platform's keys lose access to it, as on Stripe. */
export function deauthorizeAccount(state: EmulatorState, accountId: string): Emitted {
  const record = state.accounts.record(accountId);
  if (record.connection !== 'connected') {
    throw new AccountChangeError(`${accountId} is already ${record.connection}.`);
  }
  state.accounts.save({ ...record, connection: 'deauthorized' });
  const application = {
    id: state.platform.applicationId,
    object: 'application' as const,
    name: state.platform.name,
  };
  return emit(
    state,
    [{ type: 'account.application.deauthorized', object: application, account: accountId }],
    NO_REQUEST,
  );
}

/** The account holder replaces the bank account payouts go to: the old one is deleted, the new one is the default. */
export function replaceBankAccount(
  state: EmulatorState,
  accountId: string,
  details: BankAccountDetails = {},
): Emitted {
  return changeAccount(state, accountId, (record) => {
    const account = withBankAccounts(record.account, [newBankAccount(record.account, details)]);
    const dueWithoutBank = (fields: string[]) => fields.filter((field) => field !== 'external_account');
    const { requirements } = account;
    const stillDue = {
      ...requirements,
      currently_due: dueWithoutBank(requirements.currently_due),
      eventually_due: dueWithoutBank(requirements.eventually_due),
      past_due: dueWithoutBank(requirements.past_due),
    };
    const repaired = requirements.past_due.includes('external_account') && stillDue.past_due.length === 0;
    return {
      ...record,
      account: repaired
        ? applyAccountState({ ...account, requirements: stillDue }, 'enabled', {}, unixSeconds(state.clock))
        : { ...account, requirements: stillDue },
    };
  });
}

export function createPayout(
  state: EmulatorState,
  accountId: string | undefined,
  input: NewPayoutInput = {},
) {
  const account = accountId === undefined ? undefined : state.accounts.record(accountId).account;
  const destination = account?.external_accounts.data[0]?.id ?? null;
  const payout = state.payouts.create(accountId, destination, account?.default_currency ?? 'usd', input);
  return {
    payout,
    ...emit(state, [{ type: 'payout.created', object: payout, account: accountId }], NO_REQUEST),
  };
}

export function payPayout(state: EmulatorState, payoutId: string): Emitted {
  const { account } = state.payouts.record(payoutId);
  const payout = state.payouts.settle(payoutId, { status: 'paid' });
  return emit(state, [{ type: 'payout.paid', object: payout, account }], NO_REQUEST);
}

/**
 * The payout fails. When the failure says the bank account is unusable, Stripe also marks it `errored`
 * and asks for another one, which stops payouts until it is given.
 */
export function failPayout(state: EmulatorState, payoutId: string, failureCode: PayoutFailureCode): Emitted {
  const { account } = state.payouts.record(payoutId);
  const payout: Payout = state.payouts.settle(payoutId, { status: 'failed', failure_code: failureCode });
  const failed = emit(state, [{ type: 'payout.failed', object: payout, account }], NO_REQUEST);
  if (account === undefined || !BANK_ACCOUNT_FAILURES.includes(failureCode)) return failed;
  const consequences = changeAccount(state, account, (record) => {
    const banks = record.account.external_accounts.data.map((bank) =>
      bank.id === payout.destination ? { ...bank, status: 'errored' as const } : bank,
    );
    const { requirements } = record.account;
    const due = (fields: string[]) => [...new Set([...fields, 'external_account'])];
    return {
      ...record,
      account: {
        ...withBankAccounts(record.account, banks),
        payouts_enabled: false,
        requirements: {
          ...requirements,
          currently_due: due(requirements.currently_due),
          eventually_due: due(requirements.eventually_due),
          past_due: due(requirements.past_due),
          disabled_reason: requirements.disabled_reason ?? 'requirements.past_due',
        },
      },
    };
  });
  return {
    events: [...failed.events, ...consequences.events],
    firstDeliveryAttempts: Promise.all([
      failed.firstDeliveryAttempts,
      consequences.firstDeliveryAttempts,
    ]).then(() => undefined),
  };
}

/**
 * Stripe acts on its own deadlines: requirements still `currently_due` when `current_deadline` passes become
 * past due, which disables the account. Run before every API call and control, against the emulator's clock.
 */
export function enforceDeadlines(state: EmulatorState): void {
  const now = unixSeconds(state.clock);
  for (const record of state.accounts.connected()) {
    const { current_deadline, currently_due, errors } = record.account.requirements;
    if (current_deadline !== null && current_deadline <= now && currently_due.length > 0) {
      setAccountState(state, record.account.id, 'past_due', { fields: currently_due, errors });
    }
  }
}
