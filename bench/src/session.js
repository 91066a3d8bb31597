/** Everything a bench run shares: database, creators, tokens, emulator seed, child processes, clean-up. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcesses } from './processes/children.js';
import { makeCreators, writeEmulatorSeed } from './setup/creators.js';
import { createMigratedDatabase, databaseUrl, dropDatabase, insertActiveCreators } from './setup/database.js';
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
 * @typedef {object} Session
 * @property {string} id
 * @property {string} workDirectory
 * @property {ChildProcesses} children
 * @property {string} databaseName
 * @property {string} databaseUrl
 * @property {string} redisUrl
 * @property {{ secret: string, issuer: string, audience: string, ttlSeconds: number }} jwt
 * @property {string[]} tokens one per creator
 * @property {string} emulatorSeedPath
 * @property {string} logLevel
 * @property {() => string} nextRedisKeyPrefix a fresh prefix per server start, so rate-limit counters start at 0
 * @property {() => void} keepLogs keeps the work directory, with the children's logs, after a failure
 */

/**
 * Creates and seeds a fresh database and everything else runs need; registers the undo of every step.
 * @param {{ creatorCount: number, logLevel: string }} options
 * @param {import('./cleanup.js').CleanupStack} cleanup
 * @returns {Promise<Session>}
 */
export async function openSession({ creatorCount, logLevel }, cleanup) {
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

  const databaseName = `bench_${id}`;
  cleanup.add(`dropping database ${databaseName}`, () => dropDatabase(postgresServerUrl, databaseName));
  await createMigratedDatabase(postgresServerUrl, databaseName);
  const sessionDatabaseUrl = databaseUrl(postgresServerUrl, databaseName);

  const creators = makeCreators(creatorCount);
  await insertActiveCreators(sessionDatabaseUrl, creators);
  const emulatorSeedPath = join(workDirectory, 'emulator-seed.json');
  await writeEmulatorSeed(emulatorSeedPath, creators);

  const redisKeyPrefixRoot = `bench:${id}:`;
  cleanup.add('deleting rate-limit counters', () => deleteKeysWithPrefix(redisUrl, redisKeyPrefixRoot));
  let serverStarts = 0;
  // Added last, so it runs first: no server is left writing counters or holding the database.
  cleanup.add('stopping child processes', () => children.stopAll());

  const jwt = {
    secret: randomBytes(48).toString('base64'),
    issuer: 'https://api.bio.re',
    audience: 'bio.re',
    ttlSeconds: 3_600,
  };
  return {
    id,
    workDirectory,
    children,
    databaseName,
    databaseUrl: sessionDatabaseUrl,
    redisUrl,
    jwt,
    tokens: mintAccessTokens(creators, jwt),
    emulatorSeedPath,
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
