/** Reading seeds given as JSON (the CLI's `--seed` file, the control route). */
import { readFile } from 'node:fs/promises';
import type { EmulatorSeed, SeedAccount } from './accounts.js';
import { isPlainObject } from './json.js';

export class SeedError extends Error {}

const LEGACY_TYPES = ['custom', 'express', 'standard'];

export function seedAccountFromJson(json: unknown, where = 'account'): SeedAccount {
  if (!isPlainObject(json)) throw new SeedError(`${where} must be an object.`);
  if (json.id !== undefined && (typeof json.id !== 'string' || !json.id.startsWith('acct_'))) {
    throw new SeedError(`${where}.id must be a string starting with "acct_".`);
  }
  if (json.type !== undefined && !LEGACY_TYPES.includes(json.type as string)) {
    throw new SeedError(`${where}.type must be one of ${LEGACY_TYPES.join(', ')}.`);
  }
  return json as SeedAccount;
}

export function seedFromJson(json: unknown): EmulatorSeed {
  if (!isPlainObject(json)) throw new SeedError('The seed must be an object like { "accounts": [...] }.');
  const { accounts = [] } = json;
  if (!Array.isArray(accounts)) throw new SeedError('"accounts" must be an array.');
  return { accounts: accounts.map((account, index) => seedAccountFromJson(account, `accounts[${index}]`)) };
}

export async function loadSeedFile(path: string): Promise<EmulatorSeed> {
  try {
    return seedFromJson(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SeedError(`Cannot use seed file ${path}: ${reason}`);
  }
}
