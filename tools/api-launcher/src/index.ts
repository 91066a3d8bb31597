import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const API_ENTRY = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@biore/api-core/package.json')),
  'dist/server.mjs',
);
/** Start-up (database, migrations, demo seed) on a busy shared machine takes seconds; this is its ceiling. */
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 250;
const STOP_GRACE_MS = 15_000;
const OUTPUT_KEPT_CHARS = 20_000;

export interface LaunchOptions {
  /** Settings on top of the launcher's own, e.g. `APP_URL` (where Stripe's return sends the browser). */
  env?: Record<string, string>;
}

export interface LaunchedApi {
  /** Where the API listens, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (`apps/api-core/dist/server.mjs`) as `pnpm start` runs it — demo users seeded, the embedded
 * Stripe emulator — on a free loopback port, and resolves once `/health/ready` answers. Its database is the run's
 * `DATABASE_URL` when set (CI), else an embedded one in a fresh temporary folder; with `REDIS_URL` its rate-limit
 * counters get a key prefix of their own, so no other run's counters reach it. A server database is migrated and
 * seeded because the launcher asks for it, and tokens are signed with a secret of the launch's own: the API keeps
 * its public development secret and its demo data for the embedded database.
 */
export async function launchApi({ env = {} }: LaunchOptions = {}): Promise<LaunchedApi> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'biore-api-'));
  // No Node flags, as `pnpm start` runs it: the bundle's code cache is made for none.
  const child = spawn(process.execPath, [API_ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: origin,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      REDIS_KEY_PREFIX: `launch-${randomUUID()}:`,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATABASE_MIGRATE_ON_START: 'on',
      DEMO_SEED: 'on',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = recentOutput(child);
  const stop = async () => {
    await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(origin, child);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The API did not become ready: ${reason}\n${output()}`);
  }
  return { origin, stop };
}

async function waitUntilReady(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    if (await isReady(origin)) return;
    await delay(READY_POLL_MS);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms`);
}

async function isReady(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/health/ready`);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const forceKill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(forceKill);
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The end of what the process printed, to explain a failed start. */
function recentOutput(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** A loopback port free right now, for a server whose address must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
