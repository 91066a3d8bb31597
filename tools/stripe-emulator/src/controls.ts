/**
 * The controls tests drive the emulator with, in code (`emulator.accounts`, `emulator.payouts`,
 * `emulator.events`) and over HTTP (control.ts). Every change they make is reported as Stripe reports it:
 * one event per object that really changed, delivered to the endpoints listening.
 */
import type { AccountStateOptions } from './account-states.js';
import { CAPABILITY_NAMES, capabilityOf, personOf } from './account-views.js';
import type { SeedAccount } from './accounts.js';
import type { BankAccountDetails } from './bank-accounts.js';
import {
  type AccountChange,
  createPayout,
  deauthorizeAccount,
  enforceDeadlines,
  failPayout,
  payPayout,
  replaceBankAccount,
  setAccountState,
  updateAccount,
} from './connect-changes.js';
import type { NewPayoutInput } from './payouts.js';
import type { EmulatorState } from './state.js';
import type {
  Account,
  AccountUpdatedEvent,
  Capability,
  Payout,
  PayoutFailureCode,
  Person,
  StripeEvent,
} from './stripe-objects.js';

export interface AccountControls {
  /** Adds, or replaces by id, an account completed from a partial description; emits nothing. */
  seed(account: SeedAccount): Account;
  /** The account, as the platform's keys see it: undefined once deleted or disconnected. */
  get(id: string): Account | undefined;
  /** The connected accounts, newest first. */
  list(): Account[];
  /** The account's capabilities and representative, as Stripe derives them from its state. */
  capabilities(id: string): Capability[];
  person(id: string): Person;
  /**
   * Puts the account into a state (`restricted_soon`, `past_due`, `under_review`, `rejected.fraud`, …;
   * see ACCOUNT_STATES) or merges fields into it, and returns the events that sent: none when nothing
   * changed, as on Stripe.
   */
  setState(id: string, change: AccountChange, options?: AccountStateOptions): StripeEvent[];
  /**
   * The first control, kept for its callers: like `setState`, returning the `account.updated` event.
   * Throws when the change leaves the account as it was (Stripe would send nothing to wait for).
   */
  update(id: string, change: AccountChange): AccountUpdatedEvent;
  /** The account disconnects from the platform: `account.application.deauthorized`, then 403 for its keys. */
  deauthorize(id: string): StripeEvent[];
  /** The account holder gives another bank account: `account.external_account.created` and `.deleted`. */
  replaceBankAccount(id: string, details?: BankAccountDetails): StripeEvent[];
}

export interface PayoutControls {
  /** A pending payout of the connected account (or of the platform without `account`): `payout.created`. */
  create(input?: NewPayoutInput & { account?: string }): Payout;
  /** The payout arrives: `payout.paid`. */
  pay(id: string): StripeEvent[];
  /**
   * The payout fails with `failureCode`: `payout.failed`, and for failures that condemn the bank account
   * (`account_closed`, `no_account`, …) the account loses payouts until another bank account is given.
   */
  fail(id: string, failureCode: PayoutFailureCode): StripeEvent[];
  get(id: string): Payout | undefined;
  /** The payouts of a connected account, or of the platform without one, newest first. */
  list(accountId?: string): Payout[];
}

export interface EventControls {
  get(id: string): StripeEvent | undefined;
  /** Every event, oldest first. */
  list(): StripeEvent[];
}

/** Values handed to tests are copies, so a test can never change the emulator's state by accident. */
const copy = <T>(value: T): T => structuredClone(value);

export function accountControls(state: EmulatorState): AccountControls {
  /** Stripe acts on deadlines by itself; the emulator does so whenever it is asked something. */
  const current = () => enforceDeadlines(state);
  return {
    seed: (account) => copy(state.accounts.seed(account)),
    get: (id) => {
      current();
      const account = state.accounts.get(id);
      return account && copy(account);
    },
    list: () => {
      current();
      return copy(state.accounts.list());
    },
    capabilities: (id) => {
      current();
      const record = state.accounts.record(id);
      return CAPABILITY_NAMES.map((name) => capabilityOf(record, name));
    },
    person: (id) => {
      current();
      return personOf(state.accounts.record(id));
    },
    setState: (id, change, options) => {
      current();
      return copy(setAccountState(state, id, change, options).events);
    },
    update: (id, change) => {
      current();
      return copy(updateAccount(state, id, change));
    },
    deauthorize: (id) => copy(deauthorizeAccount(state, id).events),
    replaceBankAccount: (id, details) => {
      current();
      return copy(replaceBankAccount(state, id, details).events);
    },
  };
}

export function payoutControls(state: EmulatorState): PayoutControls {
  return {
    create: ({ account, ...input } = {}) => copy(createPayout(state, account, input).payout),
    pay: (id) => copy(payPayout(state, id).events),
    fail: (id, failureCode) => copy(failPayout(state, id, failureCode).events),
    get: (id) => {
      const payout = state.payouts.find(id)?.payout;
      return payout && copy(payout);
    },
    list: (accountId) => copy(state.payouts.list(accountId)),
  };
}

export function eventControls(state: EmulatorState): EventControls {
  return {
    get: (id) => {
      const event = state.events.get(id);
      return event && copy(event);
    },
    list: () => copy(state.events.list()),
  };
}
