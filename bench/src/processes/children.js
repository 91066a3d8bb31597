/** The child processes of a bench session: started with their output in log files, always stopped. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_GRACE_MS = 5_000;

/**
 * @typedef {object} ChildHandle
 * @property {string} name
 * @property {number} pid
 * @property {import('node:child_process').ChildProcess} process
 * @property {string} logPath
 * @property {Promise<{ code: number | null, signal: string | null }>} exited
 */

export class ChildProcesses {
  /** @type {Set<ChildHandle>} */
  #running = new Set();
  #logDirectory;
  #started = 0;

  /** @param {string} logDirectory */
  constructor(logDirectory) {
    this.#logDirectory = logDirectory;
  }

  /**
   * @param {string} name
   * @param {string[]} args arguments to `node`
   * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, ipc?: boolean }} [options]
   * @returns {ChildHandle}
   */
  startNode(name, args, { env = process.env, cwd, ipc = false } = {}) {
    this.#started += 1;
    const logPath = join(this.#logDirectory, `${String(this.#started).padStart(3, '0')}-${name}.log`);
    const log = openSync(logPath, 'a');
    const stdio = ipc ? ['ignore', log, log, 'ipc'] : ['ignore', log, log];
    const child = spawn(process.execPath, args, { env, cwd, stdio });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`${name} did not start (see ${logPath})`);
    /** @type {ChildHandle} */
    const handle = {
      name,
      pid: child.pid,
      process: child,
      logPath,
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    };
    this.#running.add(handle);
    handle.exited.then(() => this.#running.delete(handle));
    return handle;
  }

  /** SIGTERM, then SIGKILL if the process has not exited within the grace period. @param {ChildHandle} handle */
  async stop(handle) {
    if (!this.#running.has(handle)) return;
    handle.process.kill('SIGTERM');
    const stopped = await Promise.race([handle.exited.then(() => true), sleep(STOP_GRACE_MS, false)]);
    if (!stopped) {
      handle.process.kill('SIGKILL');
      await handle.exited;
    }
  }

  async stopAll() {
    await Promise.all([...this.#running].map((handle) => this.stop(handle)));
  }

  /** For a dying bench (second Ctrl-C, uncaught error): no waiting. */
  killAllNow() {
    for (const handle of this.#running) handle.process.kill('SIGKILL');
  }
}

/**
 * The last lines a child wrote, to explain why it failed.
 * @param {ChildHandle} handle
 * @param {number} [lineCount]
 */
export function logTail(handle, lineCount = 15) {
  try {
    return readFileSync(handle.logPath, 'utf8').trimEnd().split('\n').slice(-lineCount).join('\n');
  } catch {
    return '(no output)';
  }
}
