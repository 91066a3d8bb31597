/** The bank accounts (external accounts) payouts go to, as Express onboarding collects them. */
import { newId } from './ids.js';
import type { Account, BankAccount, BankAccountStatus } from './stripe-objects.js';

export interface BankAccountDetails {
  /** Last four digits of the account number; `6789` (Stripe's test account 000123456789) by default. */
  last4?: string;
  bank_name?: string;
  account_holder_name?: string;
  status?: BankAccountStatus;
}

export function newBankAccount(account: Account, details: BankAccountDetails = {}): BankAccount {
  const emptyRequirements = { currently_due: [], errors: [], past_due: [], pending_verification: [] };
  return {
    id: newId.bankAccount(),
    object: 'bank_account',
    account: account.id,
    account_holder_name: details.account_holder_name ?? null,
    account_holder_type: 'individual',
    account_type: null,
    available_payout_methods: ['standard'],
    bank_name: details.bank_name ?? 'STRIPE TEST BANK',
    country: account.country,
    currency: account.default_currency,
    default_for_currency: true,
    fingerprint: newId.fingerprint(),
    future_requirements: emptyRequirements,
    last4: details.last4 ?? '6789',
    metadata: {},
    requirements: emptyRequirements,
    routing_number: account.country === 'US' ? '110000000' : null,
    status: details.status ?? 'new',
  };
}

/** The account with `bankAccounts` as its whole list of external accounts. */
export function withBankAccounts(account: Account, bankAccounts: BankAccount[]): Account {
  return {
    ...account,
    external_accounts: { ...account.external_accounts, data: bankAccounts, total_count: bankAccounts.length },
  };
}
