/** Start-up: time from spawning a target to its first 200 from GET /health/ready, and its RSS then. */
import { setTimeout as sleep } from 'node:timers/promises';
import { residentBytes } from '../processes/proc-stats.js';
import { waitForQuietMachine } from '../processes/quiet-machine.js';
import { startEmulator, startTarget } from '../processes/servers.js';

const IDLE_SETTLE_MS = 500;

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * @typedef {object} StartupResult
 * @property {string} target
 * @property {number[]} startupMs every start, in order
 * @property {number} medianStartupMs
 * @property {number} medianIdleMemoryBytes RSS half a second after ready, before any request
 */

/**
 * Starts and stops each target `starts` times, the targets taking turns, on the first platform.
 * @param {import('../session.js').Session} session
 * @param {import('../processes/servers.js').Target[]} targets
 * @param {number} starts
 * @returns {Promise<StartupResult[]>}
 */
export async function measureStartups(session, targets, starts) {
  const platform = /** @type {import('../session.js').Platform} */ (session.platforms[0]);
  const emulator = await startEmulator(session, platform, { baseMs: 0, jitterMs: 0 });
  try {
    const samples = new Map(targets.map((target) => [target.name, { startupMs: [], idleMemoryBytes: [] }]));
    for (let round = 0; round < starts; round += 1) {
      await waitForQuietMachine({ timeoutMs: 20_000 });
      for (const target of targets) {
        const server = await startTarget(session, platform, target, { stripeApiBase: emulator.url });
        await sleep(IDLE_SETTLE_MS);
        const sample = samples.get(target.name);
        sample?.startupMs.push(server.startupMs);
        sample?.idleMemoryBytes.push(residentBytes(server.handle.pid) ?? 0);
        await session.children.stop(server.handle);
      }
    }
    return targets.map(({ name }) => {
      const { startupMs, idleMemoryBytes } = samples.get(name) ?? { startupMs: [], idleMemoryBytes: [] };
      return {
        target: name,
        startupMs,
        medianStartupMs: median(startupMs),
        medianIdleMemoryBytes: median(idleMemoryBytes),
      };
    });
  } finally {
    await session.children.stop(emulator.handle);
  }
}
