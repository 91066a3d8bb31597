/** Everything a bench run shares: databases of creators, tokens, emulator seeds, child processes, clean-up. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenHoldersOf } from './plan.js';
import { ChildProcesses } from './processes/children.js';
import { seedActiveCreators, selectTokenHolders, writeEmulatorSeed } from './setup/creators.js';
import { createMigratedDatabase, databaseUrl, dropDatabase } from './setup/database.js';
import { explainHotQueries } from './setup/hot-query.js';
import { deleteKeysWithPrefix } from './setup/redis-keys.js';
import { mintAccessTokens } from './setup/tokens.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** @param {string} name @param {string} fallback */
function loopbackUrl(name, fallback) {
  const url = process.env[name] || fallback;
  if (!LOOPBACK_HOSTS.has(new URL(url).hostname)) {
    throw new Error(`${name} must point at this machine's loopback interface, got ${url}`);
  }
  return url;
}

/**
 * One database of creators and what a load on it needs.
 * @typedef {object} Platform
 * @property {number} creators how many the database holds
 * @property {string} databaseName
 * @property {string} databaseUrl
 * @property {string[]} tokens one per token holder (creators spread over the table)
 * @property {string} emulatorSeedPath the token holders' Stripe accounts
 * @property {number} seedSeconds
 * @property {import('./setup/hot-query.js').HotQueryPlan} hotQueries
 */

/**
 * @typedef {object} Session
 * @property {string} id
 * @property {string} workDirectory
 * @property {ChildProcesses} children
 * @property {Platform[]} platforms one per creator count of the plan
 * @property {string} redisUrl
 * @property {{ secret: string, issuer: string, audience: string, ttlSeconds: number }} jwt
 * @property {string} logLevel
 * @property {() => string} nextRedisKeyPrefix a fresh prefix per server start, so rate-limit counters start at 0
 * @property {() => void} keepLogs keeps the work directory, with the children's logs, after a failure
 */

/**
 * Creates and seeds a fresh database per creator count, and everything else runs need; registers the undo of
 * every step.
 * @param {{ creatorCounts: number[], logLevel: string }} options
 * @param {import('./cleanup.js').CleanupStack} cleanup
 * @returns {Promise<Session>}
 */
export async function openSession({ creatorCounts, logLevel }, cleanup) {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const postgresServerUrl = loopbackUrl(
    'BENCH_POSTGRES_URL',
    'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  const redisUrl = loopbackUrl('BENCH_REDIS_URL', 'redis://127.0.0.1:6379');

  const workDirectory = await mkdtemp(join(tmpdir(), 'biore-bench-'));
  let keepWorkDirectory = false;
  cleanup.add('removing the work directory', () =>
    keepWorkDirectory ? undefined : rm(workDirectory, { recursive: true, force: true }),
  );
  const children = new ChildProcesses(workDirectory);
  const jwt = {
    secret: randomBytes(48).toString('base64'),
    issuer: 'https://api.bio.re',
    audience: 'bio.re',
    ttlSeconds: 3_600,
  };

  /** @type {Platform[]} */
  const platforms = [];
  for (const creators of creatorCounts) {
    const databaseName = `bench_${id}_${creators}`;
    cleanup.add(`dropping database ${databaseName}`, () => dropDatabase(postgresServerUrl, databaseName));
    await createMigratedDatabase(postgresServerUrl, databaseName);
    const url = databaseUrl(postgresServerUrl, databaseName);
    const { seconds: seedSeconds } = await seedActiveCreators(url, creators);
    const holders = await selectTokenHolders(url, creators, tokenHoldersOf(creators));
    const emulatorSeedPath = join(workDirectory, `emulator-seed-${creators}.json`);
    await writeEmulatorSeed(emulatorSeedPath, holders);
    const tokens = mintAccessTokens(holders, jwt);
    const middle = Math.floor(holders.length / 2);
    const caller = {
      userId: /** @type {import('./setup/creators.js').TokenHolder} */ (holders[middle]).userId,
      token: /** @type {string} */ (tokens[middle]),
    };
    platforms.push({
      creators,
      databaseName,
      databaseUrl: url,
      tokens,
      emulatorSeedPath,
      seedSeconds,
      hotQueries: await explainHotQueries(url, caller),
    });
    console.log(`${creators} creators seeded in ${seedSeconds.toFixed(1)} s (${databaseName})`);
  }

  const redisKeyPrefixRoot = `bench:${id}:`;
  cleanup.add('deleting rate-limit counters', () => deleteKeysWithPrefix(redisUrl, redisKeyPrefixRoot));
  let serverStarts = 0;
  // Added last, so it runs first: no server is left writing counters or holding the database.
  cleanup.add('stopping child processes', () => children.stopAll());

  return {
    id,
    workDirectory,
    children,
    platforms,
    redisUrl,
    jwt,
    logLevel,
    nextRedisKeyPrefix: () => {
      serverStarts += 1;
      return `${redisKeyPrefixRoot}${serverStarts}:`;
    },
    keepLogs: () => {
      keepWorkDirectory = true;
    },
  };
}
