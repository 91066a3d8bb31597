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
  event: () => `evt_1${randomAlphanumeric(23)}`,
  request: () => `req_${randomAlphanumeric(14)}`,
  linkToken: () => randomAlphanumeric(12),
};
