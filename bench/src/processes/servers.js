/** Starting the processes under test: the Stripe emulator, the API, the baseline. */
import { performance } from 'node:perf_hooks';
import {
  apiDirectory,
  apiEntry,
  apiModulesEntry,
  baselineEntry,
  emulatorEntry,
  repositoryRoot,
} from '../paths.js';
import { freeLoopbackPort, waitUntilAnswering } from './readiness.js';

const EMULATOR_SECRET_KEY = 'sk_test_stripe_emulator';

/**
 * @typedef {object} Target
 * @property {string} name how tables and JSON name it: `api` or `baseline`
 * @property {string} entry the script `node` runs
 * @property {string} cwd
 * @property {Record<string, string>} env what it needs beyond the shared environment
 * @property {string} nodeFlags Node options it runs with ('' for none), the same for the API and the baseline
 */

/**
 * @param {{ unbundled?: boolean }} [options] run the modules as built rather than the bundle (for profiles)
 * @returns {Target}
 */
export function apiTarget({ unbundled = false } = {}) {
  const entry = unbundled ? apiModulesEntry : apiEntry;
  return { name: 'api', entry, cwd: apiDirectory, env: {}, nodeFlags: '' };
}

/** @type {Target} */
export const baselineTarget = {
  name: 'baseline',
  entry: baselineEntry,
  cwd: repositoryRoot,
  env: {},
  nodeFlags: '',
};

/**
 * The Stripe emulator of one run: the seeded accounts of the platform's token holders, answering after
 * `latency` (none when its base is 0).
 * @param {import('../session.js').Session} session
 * @param {import('../session.js').Platform} platform
 * @param {{ baseMs: number, jitterMs: number }} latency
 * @returns {Promise<{ handle: import('./children.js').ChildHandle, url: string, port: number }>}
 */
export async function startEmulator(session, platform, latency) {
  const port = await freeLoopbackPort();
  const latencyArgs =
    latency.baseMs > 0
      ? ['--latency-ms', String(latency.baseMs), '--latency-jitter-ms', String(latency.jitterMs)]
      : [];
  const handle = session.children.startNode(
    'stripe-emulator',
    [
      emulatorEntry,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--seed',
      platform.emulatorSeedPath,
      ...latencyArgs,
    ],
    { env: { PATH: process.env.PATH } },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, handle, { accept: () => true });
  return { handle, url, port };
}

/**
 * Starts a target on a loopback port with the production environment, and times it to its first 200 from
 * GET /health/ready.
 * @param {import('../session.js').Session} session
 * @param {import('../session.js').Platform} platform the database it serves
 * @param {Target} target
 * @param {{ stripeApiBase: string, nodeArgs?: string[], ipc?: boolean }} options `nodeArgs` beyond the target's
 * @returns {Promise<{ handle: import('./children.js').ChildHandle, url: string, startupMs: number }>}
 */
export async function startTarget(session, platform, target, { stripeApiBase, nodeArgs = [], ipc = false }) {
  const port = await freeLoopbackPort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Production requires both origins (they go to Stripe); the bench never follows them.
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    APP_URL: 'http://127.0.0.1:5173',
    LOG_LEVEL: session.logLevel,
    DATABASE_URL: platform.databaseUrl,
    REDIS_URL: session.redisUrl,
    REDIS_KEY_PREFIX: session.nextRedisKeyPrefix(),
    JWT_SECRET: session.jwt.secret,
    JWT_ISSUER: session.jwt.issuer,
    JWT_AUDIENCE: session.jwt.audience,
    STRIPE_SECRET_KEY: EMULATOR_SECRET_KEY,
    STRIPE_API_BASE: stripeApiBase,
    // No load balancer watches a target's readiness: it stops at once, without production's 5 s drain.
    SHUTDOWN_DRAIN_MS: '0',
    ...target.env,
  };
  const startedAt = performance.now();
  const targetNodeArgs = target.nodeFlags.split(/\s+/).filter(Boolean);
  const handle = session.children.startNode(target.name, [...targetNodeArgs, ...nodeArgs, target.entry], {
    env,
    cwd: target.cwd,
    ipc,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/health/ready`, handle);
  return { handle, url, startupMs: performance.now() - startedAt };
}
