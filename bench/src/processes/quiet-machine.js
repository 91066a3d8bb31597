/** Other work on this machine (tests, builds) skews every figure: wait for a quiet moment before measuring. */
import { setTimeout as sleep } from 'node:timers/promises';
import { machineBusySeconds } from './proc-stats.js';

const PROBE_MS = 1_000;

/**
 * Waits until the machine used less than `maxBusyCores` over a whole second, our own servers being idle;
 * probes at least once, so even `timeoutMs: 0` tells whether the machine was quiet.
 * @param {{ maxBusyCores?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ waitedMs: number, quiet: boolean }>} `quiet: false` when the timeout came first
 */
export async function waitForQuietMachine({ maxBusyCores = 0.25, timeoutMs = 60_000 } = {}) {
  const startedAt = Date.now();
  do {
    const busyBefore = machineBusySeconds();
    await sleep(PROBE_MS);
    const busyCores = (machineBusySeconds() - busyBefore) / (PROBE_MS / 1_000);
    if (busyCores < maxBusyCores) return { waitedMs: Date.now() - startedAt, quiet: true };
  } while (Date.now() - startedAt < timeoutMs);
  return { waitedMs: Date.now() - startedAt, quiet: false };
}
