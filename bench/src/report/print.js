/** The terminal report: tables of the runs, start-up, headline ratios and CPU profiles. */
import { NOISY_OTHER_CORES } from '../plan.js';
import { TARGETS } from './headline.js';
import { fixed, formatTable, megabytes } from './text-table.js';

const ROLES = /** @type {const} */ (['server', 'emulator', 'postgres', 'redis', 'loadGenerator']);

/** @param {import('../load/measure-target.js').RunResult[]} runs */
export function loadTable(runs) {
  return formatTable(
    [
      'round',
      'target',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      '2xx',
      'non-2xx',
      'errors',
      'server CPU s',
      'CPU s/1k 2xx',
      'other cores',
    ],
    runs.map(({ round, target, connections, load, processes, serverCpuSecondsPer1kOk, otherCores }) => [
      String(round ?? 1),
      target,
      String(connections),
      fixed(load.requestsPerSecond, 0),
      fixed(load.latencyMs.p50, 0),
      fixed(load.latencyMs.p99, 0),
      String(load.ok),
      String(load.non2xx),
      String(load.errors),
      fixed(processes.server.cpuSeconds, 2),
      fixed(serverCpuSecondsPer1kOk, 3),
      `${fixed(otherCores, 2)}${otherCores > NOISY_OTHER_CORES ? ' noisy' : ''}`,
    ]),
  );
}

/** @param {import('../load/measure-target.js').RunResult[]} runs */
export function processTable(runs) {
  return formatTable(
    [
      'round',
      'target',
      'conns',
      ...ROLES.map((role) => `${role} CPU s`),
      'other CPU s',
      'server RSS idle→peak MB',
      'emulator MB',
      'postgres PSS MB',
      'redis MB',
      'loadGenerator MB',
    ],
    runs.map(({ round, target, connections, processes, otherCpuSeconds, serverIdleMemoryBytes }) => [
      String(round ?? 1),
      target,
      String(connections),
      ...ROLES.map((role) => fixed(processes[role].cpuSeconds, 2)),
      fixed(otherCpuSeconds, 2),
      `${megabytes(serverIdleMemoryBytes)} → ${megabytes(processes.server.peakMemoryBytes)}`,
      ...ROLES.slice(1).map((role) => megabytes(processes[role].peakMemoryBytes)),
    ]),
  );
}

/**
 * @param {import('../load/startup-timing.js').StartupResult[]} startups
 * @param {import('../load/measure-target.js').RunResult[]} runs
 */
export function startupTable(startups, runs) {
  return formatTable(
    ['target', 'starts', 'median start-up ms', 'min ms', 'max ms', 'idle RSS MB', 'peak RSS under load MB'],
    startups.map(({ target, startupMs, medianStartupMs, medianIdleMemoryBytes }) => [
      target,
      String(startupMs.length),
      fixed(medianStartupMs, 0),
      fixed(Math.min(...startupMs), 0),
      fixed(Math.max(...startupMs), 0),
      megabytes(medianIdleMemoryBytes),
      megabytes(
        Math.max(
          ...runs.filter((run) => run.target === target).map((run) => run.processes.server.peakMemoryBytes),
        ),
      ),
    ]),
  );
}

/** @param {number | null} value @param {boolean | null} met @param {number} digits */
function judged(value, met, digits) {
  if (value === null) return '—';
  return `${fixed(value, digits)} ${met ? 'ok' : 'MISSED'}`;
}

/** @param {ReturnType<typeof import('./headline.js').headlineFigures>} headline */
export function headlineTable(headline) {
  const at = headline[0]?.atConnections;
  return formatTable(
    [
      'API vs baseline',
      `CPU/request ratio (≤ ${TARGETS.cpuPerRequestRatio.max})`,
      `throughput ratio @${at} (≥ ${TARGETS.throughputRatio.min})`,
      `p99 ratio @${at} (≤ ${TARGETS.p99Ratio.max})`,
      `start-up ms (≤ ${TARGETS.medianStartupMs.max})`,
      `peak RSS MB (≤ ${TARGETS.peakRssUnderLoadMb.max})`,
    ],
    headline.map((entry) => [
      entry.target,
      judged(entry.cpuPerRequestRatio, entry.meetsTarget.cpuPerRequestRatio, 2),
      judged(entry.throughputRatio, entry.meetsTarget.throughputRatio, 2),
      judged(entry.p99Ratio, entry.meetsTarget.p99Ratio, 2),
      judged(entry.medianStartupMs, entry.meetsTarget.medianStartupMs, 0),
      judged(entry.peakRssUnderLoadMb, entry.meetsTarget.peakRssUnderLoadMb, 0),
    ]),
  );
}

/** @param {ReturnType<typeof import('./headline.js').headlineFigures>} headline */
export function headlineRoundsTable(headline) {
  return formatTable(
    ['API vs baseline', 'round', 'CPU/request ratio', 'by connections', 'throughput ratio', 'p99 ratio'],
    headline.flatMap((entry) =>
      entry.byRound.map((round) => [
        entry.target,
        String(round.round),
        fixed(round.cpuPerRequestRatio ?? Number.NaN, 2),
        Object.entries(round.cpuPerRequestRatioByConnections)
          .map(([connections, ratio]) => `${connections}: ${fixed(ratio ?? Number.NaN, 2)}`)
          .join(', '),
        fixed(round.throughputRatio ?? Number.NaN, 2),
        fixed(round.p99Ratio ?? Number.NaN, 2),
      ]),
    ),
  );
}

/** @param {string} target @param {ReturnType<typeof import('../profile/summarise-profile.js').summariseProfile>} summary */
export function profileTables(target, summary) {
  return [
    `${target}: ${summary.busyMs} ms on CPU while profiled`,
    formatTable(
      ['package (with the native and Node work it calls)', 'ms', '%'],
      summary.byCallingPackage.map((entry) => [
        entry.package,
        fixed(entry.selfMs, 0),
        fixed(entry.selfPercent, 1),
      ]),
    ),
    formatTable(
      ['function', 'location', 'package', 'self %'],
      summary.topFunctions.map((entry) => [
        entry.function,
        entry.location,
        entry.package,
        fixed(entry.selfPercent, 1),
      ]),
    ),
  ].join('\n\n');
}
