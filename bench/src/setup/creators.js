/** The benchmark's creators: users with an ACTIVE Stripe Express account, in the database and the emulator. */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/**
 * @typedef {object} Creator
 * @property {string} userId
 * @property {string} email
 * @property {string} stripeAccountId
 */

/** @param {number} count @returns {Creator[]} */
export function makeCreators(count) {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(6, '0');
    return {
      userId: randomUUID(),
      email: `creator-${number}@bench.bio.re`,
      stripeAccountId: `acct_1Bench${number}`,
    };
  });
}

/**
 * The emulator's `--seed` file: one onboarded Express account per creator.
 * @param {string} path
 * @param {Creator[]} creators
 */
export async function writeEmulatorSeed(path, creators) {
  const accounts = creators.map(({ stripeAccountId }) => ({
    id: stripeAccountId,
    type: 'express',
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  }));
  await writeFile(path, JSON.stringify({ accounts }));
}
