import { randomInt } from 'node:crypto';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomAlphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

/**
 * Random identifiers shaped like Stripe's (`acct_1PgafTB7WZ01zgkW`, `evt_1Pgc76B7WZ01zgkWwyRHS12y`,
 * `req_8aXq3ZkQm2Lw9d`).
 */
export const newId = {
  account: () => `acct_1${randomAlphanumeric(15)}`,
  application: () => `ca_${randomAlphanumeric(32)}`,
  balanceTransaction: () => `txn_1${randomAlphanumeric(23)}`,
  bankAccount: () => `ba_1${randomAlphanumeric(23)}`,
  event: () => `evt_1${randomAlphanumeric(23)}`,
  fingerprint: () => randomAlphanumeric(16),
  linkToken: () => randomAlphanumeric(12),
  payout: () => `po_1${randomAlphanumeric(23)}`,
  person: () => `person_1${randomAlphanumeric(23)}`,
  request: () => `req_${randomAlphanumeric(14)}`,
  webhookEndpoint: () => `we_1${randomAlphanumeric(23)}`,
  webhookSecret: () => `whsec_${randomAlphanumeric(32)}`,
};
