/** The API against the baseline: the ratios the targets are set on. */

const MEGABYTE = 1024 * 1024;

/** Where each figure should be; `max` figures pass at or below, `min` figures at or above. */
export const TARGETS = {
  cpuPerRequestRatio: { max: 1.25 },
  throughputRatio: { min: 0.8 },
  p99Ratio: { max: 1.25 },
  medianStartupMs: { max: 1_500 },
  peakRssUnderLoadMb: { max: 200 },
};

/** Server CPU seconds per 1,000 2xx answers over every run given (every connection level together). */
function cpuSecondsPer1kOk(runs) {
  const cpuSeconds = runs.reduce((sum, run) => sum + run.processes.server.cpuSeconds, 0);
  const ok = runs.reduce((sum, run) => sum + run.load.ok, 0);
  return ok > 0 ? (cpuSeconds / ok) * 1_000 : Number.NaN;
}

/** @param {number | null} value @param {{ max?: number, min?: number }} target */
function verdict(value, target) {
  if (value === null || Number.isNaN(value)) return null;
  return target.max !== undefined ? value <= target.max : value >= (target.min ?? Number.NEGATIVE_INFINITY);
}

/** @param {(number | null)[]} values */
function median(values) {
  const known = values.filter((value) => value !== null && !Number.isNaN(value)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
}

const RATIOS = /** @type {const} */ (['cpuPerRequestRatio', 'throughputRatio', 'p99Ratio']);

/**
 * One entry per API target: each ratio is the median of the rounds' (`byRound` lists them), the peak RSS the
 * highest of any run. Within a round, `cpuPerRequestRatio` takes every connection level together; throughput
 * and p99 ratios are at `atConnections`. Null when the baseline or that level did not run.
 * @param {import('../load/measure-target.js').RunResult[]} runs
 * @param {import('../load/startup-timing.js').StartupResult[]} startups
 * @param {number} atConnections
 */
export function headlineFigures(runs, startups, atConnections) {
  const rounds = [...new Set(runs.map((run) => run.round ?? 1))];
  const byRound = rounds.map((round) =>
    roundFigures(
      runs.filter((run) => (run.round ?? 1) === round),
      startups,
      atConnections,
    ),
  );
  return byRound[0].map((first, index) => {
    const perRound = byRound.map((entries) => entries[index]);
    const { cpuPerRequestRatioByConnections: _, cpuSecondsPer1kOk: __, ...shared } = first;
    const figures = {
      ...shared,
      ...Object.fromEntries(RATIOS.map((name) => [name, median(perRound.map((entry) => entry[name]))])),
      peakRssUnderLoadMb: Math.max(...perRound.map((entry) => entry.peakRssUnderLoadMb)),
    };
    const meetsTarget = Object.fromEntries(
      Object.keys(TARGETS).map((name) => [name, verdict(figures[name], TARGETS[name])]),
    );
    return {
      ...figures,
      meetsTarget,
      byRound: perRound.map((entry, round) => ({
        round: rounds[round],
        ...Object.fromEntries(RATIOS.map((name) => [name, entry[name]])),
        cpuPerRequestRatioByConnections: entry.cpuPerRequestRatioByConnections,
        cpuSecondsPer1kOk: entry.cpuSecondsPer1kOk,
      })),
    };
  });
}

/**
 * @param {import('../load/measure-target.js').RunResult[]} runs of one round
 * @param {import('../load/startup-timing.js').StartupResult[]} startups
 * @param {number} atConnections
 */
function roundFigures(runs, startups, atConnections) {
  const baselineRuns = runs.filter((run) => run.target === 'baseline');
  const baselineAt = baselineRuns.find((run) => run.connections === atConnections);
  const apiNames = [...new Set(runs.map((run) => run.target))].filter((name) => name !== 'baseline');
  return apiNames.map((target) => {
    const apiRuns = runs.filter((run) => run.target === target);
    const apiAt = apiRuns.find((run) => run.connections === atConnections);
    const figures = {
      cpuPerRequestRatio:
        baselineRuns.length > 0 ? cpuSecondsPer1kOk(apiRuns) / cpuSecondsPer1kOk(baselineRuns) : null,
      throughputRatio: apiAt && baselineAt ? apiAt.load.okPerSecond / baselineAt.load.okPerSecond : null,
      p99Ratio: apiAt && baselineAt ? apiAt.load.latencyMs.p99 / baselineAt.load.latencyMs.p99 : null,
      medianStartupMs: startups.find((startup) => startup.target === target)?.medianStartupMs ?? null,
      peakRssUnderLoadMb: Math.max(...apiRuns.map((run) => run.processes.server.peakMemoryBytes)) / MEGABYTE,
    };
    const cpuPerRequestRatioByConnections = Object.fromEntries(
      apiRuns.map((run) => {
        const baseline = baselineRuns.find((candidate) => candidate.connections === run.connections);
        return [run.connections, baseline ? cpuSecondsPer1kOk([run]) / cpuSecondsPer1kOk([baseline]) : null];
      }),
    );
    return {
      target,
      atConnections,
      ...figures,
      cpuPerRequestRatioByConnections,
      cpuSecondsPer1kOk: { api: cpuSecondsPer1kOk(apiRuns), baseline: cpuSecondsPer1kOk(baselineRuns) },
    };
  });
}
