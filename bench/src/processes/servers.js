/** Starting the processes under test: the Stripe emulator, the API on an adapter, the baseline. */
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
 * @property {string} name how tables and JSON name it: `api-fastify`, `api-express`, `baseline`
 * @property {string} entry the script `node` runs
 * @property {string} cwd
 * @property {Record<string, string>} env what it needs beyond the shared environment
 */

/**
 * @param {'fastify' | 'express'} adapter
 * @param {{ unbundled?: boolean }} [options] run the modules as built rather than the bundle (for profiles)
 * @returns {Target}
 */
export function apiTarget(adapter, { unbundled = false } = {}) {
  const entry = unbundled ? apiModulesEntry : apiEntry;
  return { name: `api-${adapter}`, entry, cwd: apiDirectory, env: { HTTP_ADAPTER: adapter } };
}

/** @type {Target} */
export const baselineTarget = { name: 'baseline', entry: baselineEntry, cwd: repositoryRoot, env: {} };

/**
 * @param {import('../session.js').Session} session
 * @returns {Promise<{ handle: import('./children.js').ChildHandle, url: string }>}
 */
export async function startEmulator(session) {
  const port = await freeLoopbackPort();
  const handle = session.children.startNode(
    'stripe-emulator',
    [emulatorEntry, '--host', '127.0.0.1', '--port', String(port), '--seed', session.emulatorSeedPath],
    { env: { PATH: process.env.PATH } },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, handle, { accept: () => true });
  return { handle, url };
}

/**
 * Starts a target on a loopback port with the production environment, and times it to its first 200 from
 * GET /health/ready.
 * @param {import('../session.js').Session} session
 * @param {Target} target
 * @param {{ stripeApiBase: string, nodeArgs?: string[], ipc?: boolean }} options
 * @returns {Promise<{ handle: import('./children.js').ChildHandle, url: string, startupMs: number }>}
 */
export async function startTarget(session, target, { stripeApiBase, nodeArgs = [], ipc = false }) {
  const port = await freeLoopbackPort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: session.logLevel,
    DATABASE_URL: session.databaseUrl,
    REDIS_URL: session.redisUrl,
    REDIS_KEY_PREFIX: session.nextRedisKeyPrefix(),
    JWT_SECRET: session.jwt.secret,
    JWT_ISSUER: session.jwt.issuer,
    JWT_AUDIENCE: session.jwt.audience,
    STRIPE_SECRET_KEY: EMULATOR_SECRET_KEY,
    STRIPE_API_BASE: stripeApiBase,
    ...target.env,
  };
  const startedAt = performance.now();
  const handle = session.children.startNode(target.name, [...nodeArgs, target.entry], {
    env,
    cwd: target.cwd,
    ipc,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/health/ready`, handle);
  return { handle, url, startupMs: performance.now() - startedAt };
}
