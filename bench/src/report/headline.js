/** The API against the baseline: the ratios the targets are set on, and how figures change with the level. */

const MEGABYTE = 1024 * 1024;
/** How much longer than Stripe's slowest answer a request may take under a slow Stripe (its p99). */
export const SLOW_STRIPE_P99_ALLOWANCE_MS = 50;

/**
 * Where each figure should be; `max` figures pass at or below, `min` figures at or above. With a slow Stripe
 * the throughput target is higher and p99 is judged against Stripe's delay rather than the baseline.
 * @param {{ baseMs: number }} stripeLatency
 */
export function targetsFor(stripeLatency) {
  const slowStripe = stripeLatency.baseMs > 0;
  return {
    cpuPerRequestRatio: { max: 1.25 },
    throughputRatio: { min: slowStripe ? 0.9 : 0.8 },
    ...(slowStripe ? { p99WithinStripeDelay: { max: 1 } } : { p99Ratio: { max: 1.25 } }),
    startupRatio: { max: 1.3 },
    idleRssRatio: { max: 1.25 },
    peakRssRatio: { max: 1.25 },
    failedRequests: { max: 0 },
  };
}

/** @param {import('../load/measure-target.js').RunResult[]} runs */
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

/** @param {(number | null | undefined)[]} values @returns {number | null} */
export function median(values) {
  const known = /** @type {number[]} */ (
    values.filter((value) => value !== null && value !== undefined && !Number.isNaN(value))
  ).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const upper = known[middle] ?? Number.NaN;
  return known.length % 2 === 1 ? upper : ((known[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** @param {number | null} numerator @param {number | null} denominator */
function ratio(numerator, denominator) {
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

/** The settings runs were made under besides the level: database size and Node options. */
function settingsOf(/** @type {import('../load/measure-target.js').RunResult[]} */ runs) {
  const keys = new Map(runs.map((run) => [`${run.creators}|${run.nodeFlags}`, run]));
  return [...keys.values()].map(({ creators, nodeFlags }) => ({ creators, nodeFlags }));
}

/**
 * @param {import('../load/measure-target.js').RunResult[]} runs
 * @param {{ creators: number, nodeFlags: string }} setting
 */
function inSetting(runs, { creators, nodeFlags }) {
  return runs.filter((run) => run.creators === creators && run.nodeFlags === nodeFlags);
}

/** Stripe's slowest answer plus the allowance: what p99 is held to under a slow Stripe. */
function p99BudgetMs(/** @type {{ baseMs: number, jitterMs: number }} */ stripeLatency) {
  return stripeLatency.baseMs + stripeLatency.jitterMs + SLOW_STRIPE_P99_ALLOWANCE_MS;
}

/**
 * The most 2xx per second `connections` requests in flight allow when each waits on Stripe for its mean delay
 * (the emulator adds a uniform share of the jitter to the base).
 * @param {number} connections @param {{ baseMs: number, jitterMs: number }} stripeLatency
 */
export function idealOkPerSecond(connections, { baseMs, jitterMs }) {
  return baseMs > 0 ? connections / ((baseMs + jitterMs / 2) / 1_000) : null;
}

/**
 * One entry per API target and setting: each ratio is the median of the rounds' (`byRound` lists them), memory
 * and start-up the medians (idle) or highest (peak) over the setting's runs. Within a round,
 * `cpuPerRequestRatio` takes every connection level together; throughput and p99 are at `atConnections`.
 * @param {import('../load/measure-target.js').RunResult[]} runs
 * @param {import('../load/startup-timing.js').StartupResult[]} startups
 * @param {number} atConnections
 * @param {{ baseMs: number, jitterMs: number }} stripeLatency
 */
export function headlineFigures(runs, startups, atConnections, stripeLatency) {
  const targets = targetsFor(stripeLatency);
  const slowStripe = stripeLatency.baseMs > 0;
  return settingsOf(runs).flatMap((setting) => {
    const settingRuns = inSetting(runs, setting);
    const baselineRuns = settingRuns.filter((run) => run.target === 'baseline');
    const apiNames = [...new Set(settingRuns.map((run) => run.target))].filter((name) => name !== 'baseline');
    const rounds = [...new Set(settingRuns.map((run) => run.round ?? 1))];
    const startupOf = (/** @type {string} */ target, /** @type {typeof settingRuns} */ targetRuns) =>
      startups.find((startup) => startup.target === target)?.medianStartupMs ??
      median(targetRuns.map((run) => run.startupMs));
    const baselineStartupMs = startupOf('baseline', baselineRuns);
    const baselineIdleRssMb = median(baselineRuns.map((run) => run.serverIdleMemoryBytes / MEGABYTE));
    const baselinePeakRssMb = Math.max(...baselineRuns.map((run) => run.serverPeakMemoryBytes)) / MEGABYTE;

    return apiNames.map((target) => {
      const apiRuns = settingRuns.filter((run) => run.target === target);
      const byRound = rounds.map((round) => {
        const api = apiRuns.filter((run) => (run.round ?? 1) === round);
        const baseline = baselineRuns.filter((run) => (run.round ?? 1) === round);
        const apiAt = api.find((run) => run.connections === atConnections);
        const baselineAt = baseline.find((run) => run.connections === atConnections);
        return {
          round,
          cpuPerRequestRatio: ratio(cpuSecondsPer1kOk(api), cpuSecondsPer1kOk(baseline)),
          cpuPerRequestRatioByConnections: Object.fromEntries(
            api.map((run) => {
              const match = baseline.find((candidate) => candidate.connections === run.connections);
              return [
                run.connections,
                match ? ratio(cpuSecondsPer1kOk([run]), cpuSecondsPer1kOk([match])) : null,
              ];
            }),
          ),
          cpuSecondsPer1kOk: { api: cpuSecondsPer1kOk(api), baseline: cpuSecondsPer1kOk(baseline) },
          throughputRatio: ratio(apiAt?.load.okPerSecond ?? null, baselineAt?.load.okPerSecond ?? null),
          p99Ratio: ratio(apiAt?.load.latencyMs.p99 ?? null, baselineAt?.load.latencyMs.p99 ?? null),
          p99Ms: apiAt?.load.latencyMs.p99 ?? null,
          baselineP99Ms: baselineAt?.load.latencyMs.p99 ?? null,
          okPerSecond: apiAt?.load.okPerSecond ?? null,
          baselineOkPerSecond: baselineAt?.load.okPerSecond ?? null,
        };
      });
      const startupMs = startupOf(target, apiRuns);
      const idleRssMb = median(apiRuns.map((run) => run.serverIdleMemoryBytes / MEGABYTE));
      const peakRssMb = Math.max(...apiRuns.map((run) => run.serverPeakMemoryBytes)) / MEGABYTE;
      const p99Ms = median(byRound.map((round) => round.p99Ms));
      const ideal = idealOkPerSecond(atConnections, stripeLatency);
      const figures = {
        cpuPerRequestRatio: median(byRound.map((round) => round.cpuPerRequestRatio)),
        throughputRatio: median(byRound.map((round) => round.throughputRatio)),
        p99Ratio: median(byRound.map((round) => round.p99Ratio)),
        p99Ms,
        ...(slowStripe && {
          p99BudgetMs: p99BudgetMs(stripeLatency),
          p99WithinStripeDelay: ratio(p99Ms, p99BudgetMs(stripeLatency)),
          // The baseline's own figures beside the API's: whether this machine can hold the load at all.
          baselineP99Ms: median(byRound.map((round) => round.baselineP99Ms)),
          idealOkPerSecond: ideal,
          throughputOfIdeal: ratio(median(byRound.map((round) => round.okPerSecond)), ideal),
          baselineThroughputOfIdeal: ratio(median(byRound.map((round) => round.baselineOkPerSecond)), ideal),
        }),
        startupMs,
        baselineStartupMs,
        startupRatio: ratio(startupMs, baselineStartupMs),
        idleRssMb,
        baselineIdleRssMb,
        idleRssRatio: ratio(idleRssMb, baselineIdleRssMb),
        peakRssMb,
        baselinePeakRssMb,
        peakRssRatio: ratio(peakRssMb, baselinePeakRssMb),
        failedRequests: apiRuns.reduce((sum, run) => sum + run.load.non2xx + run.load.errors, 0),
      };
      const meetsTarget = Object.fromEntries(
        Object.entries(targets).map(([name, limit]) => [
          name,
          verdict(/** @type {Record<string, number | null>} */ (figures)[name] ?? null, limit),
        ]),
      );
      return { target, ...setting, atConnections, ...figures, meetsTarget, byRound };
    });
  });
}

/** @param {number[]} values */
function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * How each target's cost changes with the level and the setting: per target, setting and connection level, the
 * median over the rounds (with the lowest and highest round) of CPU per request, throughput and p99, and the
 * highest RSS.
 * @param {import('../load/measure-target.js').RunResult[]} runs
 */
export function growthFigures(runs) {
  const keys = new Map(
    runs.map((run) => [`${run.target}|${run.creators}|${run.nodeFlags}|${run.connections}`, run]),
  );
  return [...keys.values()].map(({ target, creators, nodeFlags, connections, stripeLatency }) => {
    const same = runs.filter(
      (run) =>
        run.target === target &&
        run.creators === creators &&
        run.nodeFlags === nodeFlags &&
        run.connections === connections,
    );
    return {
      target,
      creators,
      nodeFlags,
      connections,
      idealOkPerSecond: idealOkPerSecond(connections, stripeLatency),
      cpuMsPerRequest: spread(same.map((run) => run.serverCpuSecondsPer1kOk)),
      okPerSecond: spread(same.map((run) => run.load.okPerSecond)),
      p99Ms: spread(same.map((run) => run.load.latencyMs.p99)),
      peakRssMb: Math.max(...same.map((run) => run.serverPeakMemoryBytes)) / MEGABYTE,
      failedRequests: same.reduce((sum, run) => sum + run.load.non2xx + run.load.errors, 0),
      peakStripeSockets: Math.max(...same.map((run) => run.connectionPeaks.stripeSockets)),
      peakStripeTimeWait: Math.max(...same.map((run) => run.connectionPeaks.stripeTimeWait)),
      peakDatabaseBackends: Math.max(...same.map((run) => run.connectionPeaks.databaseBackends)),
      peakServerOpenFiles: Math.max(...same.map((run) => run.connectionPeaks.serverOpenFiles)),
    };
  });
}
