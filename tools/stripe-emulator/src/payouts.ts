/** Payouts from a balance to a bank account: created pending, then paid or failed. */
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import type { Payout, PayoutFailureCode } from './stripe-objects.js';

/** Stripe's explanation of each failure code, as `failure_message` carries it. */
export const PAYOUT_FAILURE_MESSAGES: Record<PayoutFailureCode, string> = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  bank_account_restricted:
    'The bank account has restrictions on either the type, or the number, of payouts allowed. This normally indicates that the bank account is a savings or other non-checking account.',
  bank_ownership_changed:
    'The destination bank account is no longer valid because its branch has changed ownership.',
  could_not_process: 'The bank could not process this payout.',
  debit_not_authorized:
    'Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)',
  declined: 'The bank has declined this transfer. Please contact the bank before retrying.',
  incorrect_account_holder_address:
    'Your bank notified us that the bank account holder address on file is incorrect.',
  incorrect_account_holder_name:
    'Your bank notified us that the bank account holder name on file is incorrect.',
  incorrect_account_holder_tax_id:
    'Your bank notified us that the bank account holder tax ID on file is incorrect.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The routing number seems correct, but the account number is invalid.',
  invalid_currency:
    'The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.',
  no_account:
    'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  unsupported_card: 'The bank no longer supports payouts to this card.',
};

export const PAYOUT_FAILURE_CODES = Object.keys(PAYOUT_FAILURE_MESSAGES) as PayoutFailureCode[];

/**
 * Failures that say the bank account itself is unusable: Stripe marks it `errored` and pauses payouts until
 * the account holder gives another one (`external_account` becomes due).
 */
export const BANK_ACCOUNT_FAILURES: readonly PayoutFailureCode[] = [
  'account_closed',
  'account_frozen',
  'bank_ownership_changed',
  'incorrect_account_holder_address',
  'incorrect_account_holder_name',
  'incorrect_account_holder_tax_id',
  'invalid_account_number',
  'invalid_currency',
  'no_account',
];

export interface NewPayoutInput {
  /** In the currency's smallest unit; 1000 by default. */
  amount?: number;
  /** The account's default currency by default. */
  currency?: string;
  description?: string;
  metadata?: Record<string, string>;
}

export class UnknownPayoutError extends Error {}
export class PayoutChangeError extends Error {}

interface PayoutRecord {
  payout: Payout;
  /** The connected account paid out; undefined for the platform's own payouts. */
  account: string | undefined;
}

const DAY = 24 * 60 * 60;

export class PayoutStore {
  private readonly records = new Map<string, PayoutRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly livemode: boolean,
  ) {}

  create(
    account: string | undefined,
    destination: string | null,
    defaultCurrency: string,
    input: NewPayoutInput,
  ): Payout {
    const created = unixSeconds(this.clock);
    const payout: Payout = {
      id: newId.payout(),
      object: 'payout',
      amount: input.amount ?? 1000,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: created + 2 * DAY,
      automatic: true,
      balance_transaction: newId.balanceTransaction(),
      created,
      currency: input.currency ?? defaultCurrency,
      description: input.description ?? null,
      destination,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: this.livemode,
      metadata: input.metadata ?? {},
      method: 'standard',
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'not_applicable',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: null,
      status: 'pending',
      trace_id: null,
      type: 'bank_account',
    };
    this.records.set(payout.id, { payout, account });
    return payout;
  }

  find(id: string): PayoutRecord | undefined {
    return this.records.get(id);
  }

  record(id: string): PayoutRecord {
    const record = this.records.get(id);
    if (!record) throw new UnknownPayoutError(`No such payout: '${id}'`);
    return record;
  }

  /** Moves a pending payout to its outcome; a payout already paid or failed cannot change. */
  settle(
    id: string,
    outcome: { status: 'paid' } | { status: 'failed'; failure_code: PayoutFailureCode },
  ): Payout {
    const record = this.record(id);
    if (record.payout.status !== 'pending' && record.payout.status !== 'in_transit') {
      throw new PayoutChangeError(`Payout ${id} is already ${record.payout.status}.`);
    }
    record.payout =
      outcome.status === 'paid'
        ? { ...record.payout, status: 'paid', reconciliation_status: 'completed' }
        : {
            ...record.payout,
            status: 'failed',
            failure_code: outcome.failure_code,
            failure_message: PAYOUT_FAILURE_MESSAGES[outcome.failure_code],
            failure_balance_transaction: newId.balanceTransaction(),
          };
    return record.payout;
  }

  /** The payouts of one account (or of the platform), newest first. */
  list(account: string | undefined): Payout[] {
    return [...this.records.values()]
      .filter((record) => record.account === account)
      .map((record) => record.payout)
      .reverse();
  }
}
