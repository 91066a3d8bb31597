/** One measured run: a fresh emulator and target, a probe, then the load (warm-up, then measured window). */
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail } from '../processes/children.js';
import { ConnectionSampler } from '../processes/connection-sampler.js';
import { listenOverflows, residentBytes } from '../processes/proc-stats.js';
import { postgresServing, redisServer, singleProcess } from '../processes/process-groups.js';
import { ProcessSampler } from '../processes/process-sampler.js';
import { waitForQuietMachine } from '../processes/quiet-machine.js';
import { startEmulator, startTarget } from '../processes/servers.js';
import { PROFILER_PRELOAD_ARGS, startProfiler, stopProfilerInto } from '../profile/profiler-control.js';
import { TokenRotation } from '../setup/tokens.js';
import { DASHBOARD_LINK_PATH, runLoad } from './http-load.js';

const IDLE_SETTLE_MS = 500;

/**
 * @typedef {object} ProcessUsage
 * @property {number} cpuSeconds over the measured load
 * @property {number} peakMemoryBytes during the measured load (RSS; PSS summed for postgres)
 */

/**
 * @typedef {object} RunResult
 * @property {string} target
 * @property {number} [round] which round of the session (benchmark.js sets it)
 * @property {number} connections
 * @property {number} creators in the database the run served
 * @property {string} nodeFlags the target's Node options ('' for none)
 * @property {{ baseMs: number, jitterMs: number }} stripeLatency the emulator's answer delay
 * @property {number} startupMs
 * @property {number} serverIdleMemoryBytes RSS after start-up, before any request
 * @property {number} serverPeakMemoryBytes the server's highest RSS from its start to the end of the load
 *   (`VmHWM`: what a container's memory limit meets, brief peaks included)
 * @property {import('../processes/connection-sampler.js').ConnectionPeaks} connectionPeaks over the measured load
 * @property {{ code: number | null, signal: string | null, reason: string } | null} serverExit when the server
 *   died during the run (a V8 heap limit reached, a crash): how, and the line of its log that says why
 * @property {number} listenOverflows connections the machine's kernel dropped for a full accept queue while the
 *   load ran, warm-up included (anyone's: other work on the machine counts too)
 * @property {import('./http-load.js').LoadResult} load
 * @property {Record<'server' | 'emulator' | 'postgres' | 'redis' | 'loadGenerator', ProcessUsage>} processes
 * @property {number} otherCpuSeconds the rest of the machine over the measured load: noise when high
 * @property {number} otherCores otherCpuSeconds per second of the measured load
 * @property {{ waitedMs: number, quiet: boolean }} quietWait how long the run waited for other work to stop
 * @property {number} serverCpuSecondsPer1kOk
 * @property {number} maxUsesPerToken
 */

/**
 * @typedef {object} RunPlan
 * @property {import('../session.js').Platform} platform
 * @property {{ baseMs: number, jitterMs: number }} stripeLatency
 * @property {number} connections
 * @property {number} requests measured requests
 * @property {number} warmupRequests
 * @property {number} timeCapMs for the whole load, warm-up included
 * @property {number} quietWaitMs longest wait for a quiet machine before the warm-up
 * @property {{ cpu: string, heap: string }} [profilePaths] where to write a CPU profile and an allocation profile of
 *   the target over the measured load
 */

/**
 * One request before any load, so a misconfigured run fails on its cause instead of measuring errors.
 * @param {string} url
 * @param {TokenRotation} tokens
 */
async function probe(url, tokens) {
  const response = await fetch(url + DASHBOARD_LINK_PATH, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.next()}` },
  }).catch((error) => {
    // fetch's own message ("fetch failed") names no reason; its cause does.
    throw new Error(`probe request failed: ${error.cause?.message ?? error.message}`, { cause: error });
  });
  const body = await response.text();
  let linkUrl;
  try {
    linkUrl = JSON.parse(body)?.data?.url;
  } catch {
    // not JSON: reported below with the body
  }
  if (response.status !== 200 || typeof linkUrl !== 'string') {
    throw new Error(`probe request answered ${response.status}: ${body.slice(0, 500)}`);
  }
}

/**
 * @param {import('../session.js').Session} session
 * @param {import('../processes/servers.js').Target} target
 * @param {RunPlan} plan
 * @returns {Promise<RunResult>}
 */
export async function measureTarget(session, target, plan) {
  const { children } = session;
  const emulator = await startEmulator(session, plan.platform, plan.stripeLatency);
  try {
    const server = await startTarget(session, plan.platform, target, {
      stripeApiBase: emulator.url,
      ...(plan.profilePaths && { nodeArgs: PROFILER_PRELOAD_ARGS, ipc: true }),
    });
    /** @type {RunResult['serverExit']} */
    let serverExit = null;
    server.handle.exited.then(({ code, signal }) => {
      const tail = logTail(server.handle, 40).split('\n');
      const reason = tail.find((line) => /FATAL|out of memory/i.test(line)) ?? tail.at(-1) ?? '';
      serverExit = { code, signal, reason };
    });
    try {
      /** @type {Promise<void> | undefined} */
      let profilerStarted;
      const sampler = new ProcessSampler([
        singleProcess('server', server.handle.pid),
        singleProcess('emulator', emulator.handle.pid),
        postgresServing(plan.platform.databaseName),
        redisServer(),
        singleProcess('loadGenerator', process.pid),
      ]);
      await sleep(IDLE_SETTLE_MS);
      const serverIdleMemoryBytes = sampler.memoryNow().server ?? 0;

      const connectionSampler = new ConnectionSampler({
        serverPid: server.handle.pid,
        stripePort: emulator.port,
        database: plan.platform.databaseName,
      });
      const tokens = new TokenRotation(plan.platform.tokens);
      await probe(server.url, tokens);
      const quietWait = await waitForQuietMachine({ timeoutMs: plan.quietWaitMs });

      /** @type {ReturnType<ProcessSampler['closeWindow']> | undefined} */
      let usage;
      /** @type {import('../processes/connection-sampler.js').ConnectionPeaks | undefined} */
      let connectionPeaks;
      const overflowsBefore = listenOverflows();
      const measured = await runLoad({
        url: server.url,
        connections: plan.connections,
        warmupRequests: plan.warmupRequests,
        requests: plan.requests,
        maxRequests: tokens.remaining,
        timeCapMs: plan.timeCapMs,
        tokens,
        onWindowOpen: () => {
          sampler.openWindow();
          connectionSampler.start();
          if (plan.profilePaths) profilerStarted = startProfiler(server.handle);
        },
        onWindowClose: () => {
          usage = sampler.closeWindow();
          connectionPeaks = connectionSampler.stop();
        },
      });
      const overflowsDuringLoad = listenOverflows() - overflowsBefore;
      if (plan.profilePaths) {
        await profilerStarted;
        await stopProfilerInto(server.handle, plan.profilePaths);
      }
      const { groups: processes, otherCpuSeconds } =
        /** @type {ReturnType<ProcessSampler['closeWindow']>} */ (usage);

      return {
        target: target.name,
        connections: plan.connections,
        creators: plan.platform.creators,
        nodeFlags: target.nodeFlags,
        stripeLatency: plan.stripeLatency,
        startupMs: server.startupMs,
        serverIdleMemoryBytes,
        serverPeakMemoryBytes: residentBytes(server.handle.pid, 'VmHWM') ?? 0,
        connectionPeaks: /** @type {import('../processes/connection-sampler.js').ConnectionPeaks} */ (
          connectionPeaks
        ),
        load: measured,
        processes: /** @type {RunResult['processes']} */ (processes),
        otherCpuSeconds,
        otherCores: measured.durationSeconds > 0 ? otherCpuSeconds / measured.durationSeconds : 0,
        listenOverflows: overflowsDuringLoad,
        serverExit,
        quietWait,
        serverCpuSecondsPer1kOk:
          measured.ok > 0 ? (processes.server.cpuSeconds / measured.ok) * 1_000 : Number.NaN,
        maxUsesPerToken: tokens.maxUsesPerToken,
      };
    } finally {
      await children.stop(server.handle);
    }
  } finally {
    await children.stop(emulator.handle);
  }
}
