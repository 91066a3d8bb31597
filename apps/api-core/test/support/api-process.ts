import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, TEST_JWT } from './test-api.js';

const API_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = path.join(API_ROOT, 'dist', 'server.mjs');
/** The built commands (`pnpm reconcile`…), by the name of their entry in `src/`. */
const COMMANDS = { reconcile: path.join(API_ROOT, 'dist', 'reconcile.js') } as const;

/** One line of the process's JSON log (pino: `level` 30 info, 40 warn, 50 error). */
export interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  [field: string]: unknown;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal `stop()` sent to the exit, when it was stopped. */
  elapsedMs: number;
}

/** The built server (`node dist/server.mjs`) running as its own process, as an operator runs it. */
export interface ApiProcess {
  origin: string;
  port: number;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** stdout's JSON lines so far. */
  logs(): LogLine[];
  /** Resolves with the first log line that matches, or rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves once the process has exited (stopped by us or not). */
  readonly exited: Promise<ProcessExit>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILLs it if it outlives `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
}

const running = new Set<ChildProcess>();
// Whatever happens to the test run, no API process outlives it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `node dist/server.mjs` with production defaults on a free loopback port and waits until /health/ready
 * answers 200. The run's DATABASE_URL and REDIS_URL are passed on unless `env` overrides them (an
 * `undefined` value removes a variable). Nothing else of the test's environment leaks into the process.
 */
export async function startApiProcess(
  env: Record<string, string | undefined> = {},
  { readyTimeoutMs = 30_000 }: { readyTimeoutMs?: number } = {},
): Promise<ApiProcess> {
  const api = await spawnApiProcess(env);
  try {
    await waitUntilReady(api, readyTimeoutMs);
  } catch (error) {
    await api.stop('SIGKILL');
    throw error;
  }
  return api;
}

/**
 * Runs `node dist/server.mjs` as `startApiProcess` would, for a start-up that must be refused: resolves with how
 * it exited and what it printed once it exits by itself; rejects (killing it) if it is still running after
 * `timeoutMs`.
 */
export function runRefusedApiProcess(
  env: Record<string, string | undefined>,
  options: { timeoutMs?: number } = {},
): Promise<{ exit: ProcessExit; output: string }> {
  return runUntilExit(MAIN, env, options);
}

/**
 * Runs a built command (`node dist/reconcile.js`) with the environment `startApiProcess` gives the server, until it
 * exits by itself: resolves with how it exited, what it printed and its JSON log lines; rejects (killing it) if it
 * is still running after `timeoutMs`.
 */
export async function runApiCommand(
  command: keyof typeof COMMANDS,
  env: Record<string, string | undefined>,
  options: { timeoutMs?: number } = {},
): Promise<{ exit: ProcessExit; output: string; logs: LogLine[] }> {
  const { exit, output, api } = await runUntilExit(COMMANDS[command], env, options);
  return { exit, output, logs: api.logs() };
}

async function runUntilExit(
  entry: string,
  env: Record<string, string | undefined>,
  { timeoutMs = 30_000 }: { timeoutMs?: number },
): Promise<{ exit: ProcessExit; output: string; api: ApiProcess }> {
  const api = await spawnApiProcess(env, entry);
  let timer: NodeJS.Timeout | undefined;
  const stillRunning = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const exit = await Promise.race([api.exited, stillRunning]);
  clearTimeout(timer);
  if (!exit) {
    await api.stop('SIGKILL');
    throw new Error(`API process still running after ${timeoutMs} ms:\n${api.output()}`);
  }
  return { exit, output: api.output(), api };
}

async function spawnApiProcess(env: Record<string, string | undefined>, entry = MAIN): Promise<ApiProcess> {
  ensureBuilt();
  // A given PORT is kept: an instance restarted behind a load balancer comes back where the balancer expects it.
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  const origin = `http://127.0.0.1:${port}`;
  const childEnv = withoutUndefined({
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    APP_URL: 'http://localhost:5173',
    LOG_LEVEL: 'info',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
    JWT_SECRET: TEST_JWT.secret,
    DATABASE_POOL_SIZE: '4',
    // No load balancer waits on these instances' readiness: a test that exercises the drain sets its own.
    SHUTDOWN_DRAIN_MS: '0',
    ...env,
  });
  // No Node flags, as an operator starts it: the code cache is made for none (code-cache.process-spec.ts).
  const child = spawn(process.execPath, [entry], {
    cwd: API_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  let stdoutTail = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stdoutTail += chunk;
    const complete = stdoutTail.split('\n');
    stdoutTail = complete.pop() ?? '';
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        // not a log line
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });

  let signalledAt: number | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, elapsedMs: signalledAt === undefined ? 0 : Date.now() - signalledAt });
      for (const wake of waiters) wake();
    });
  });

  const api: ApiProcess = {
    origin,
    port,
    pid: child.pid ?? -1,
    output: () => output,
    logs: () => [...lines],
    exited,
    waitForLog(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) {
            done();
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`API process exited before the expected log line:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No matching log line within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        signalledAt = Date.now();
        child.kill(signal);
      }
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
  return api;
}

async function waitUntilReady(api: ApiProcess, timeoutMs: number): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  let exitedEarly = false;
  void api.exited.then(() => {
    exitedEarly = true;
  });
  while (Date.now() < giveUpAt) {
    if (exitedEarly) throw new Error(`API process exited during start-up:\n${api.output()}`);
    try {
      const response = await fetch(`${api.origin}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`API process not ready within ${timeoutMs} ms:\n${api.output()}`);
}

let built = false;

/**
 * `dist/` is what runs: turbo builds it before the tests (api-core's `test` depends on its `build`). Run from this
 * folder after an edit, a stale build is rebuilt once, so a test never exercises yesterday's code.
 */
function ensureBuilt(): void {
  if (built) return;
  if (
    !existsSync(MAIN) ||
    newestMtime(path.join(API_ROOT, 'src')) > newestMtime(path.join(API_ROOT, 'dist'))
  ) {
    execFileSync(process.execPath, [tscBin(), '-p', 'tsconfig.build.json'], {
      cwd: API_ROOT,
      stdio: 'inherit',
      timeout: 120_000,
    });
    // What runs is the bundle of that output (`pnpm build` does both).
    execFileSync(process.execPath, [path.join(API_ROOT, 'scripts', 'bundle.mjs')], {
      cwd: API_ROOT,
      stdio: 'inherit',
      timeout: 120_000,
    });
  }
  built = true;
}

function tscBin(): string {
  return createRequire(import.meta.url).resolve('typescript/bin/tsc');
}

function newestMtime(folder: string): number {
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.spec.ts')) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
