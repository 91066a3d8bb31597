/** The measured runs of a plan: start-up timing, then every target in turn at each level of each setting. */
import { measureTarget } from './load/measure-target.js';
import { measureStartups } from './load/startup-timing.js';
import { loadSize, NOISY_OTHER_CORES } from './plan.js';
import { apiTarget, baselineTarget } from './processes/servers.js';
import { fixed } from './report/text-table.js';

/**
 * The API, then the baseline, both with the same Node options.
 * @param {import('./plan.js').Plan} plan
 * @param {string} [nodeFlags]
 */
export function targetsOf(plan, nodeFlags = '') {
  const api = apiTarget({ unbundled: plan.mode === 'profile' });
  return [api, ...(plan.withBaseline ? [baselineTarget] : [])].map((target) => ({ ...target, nodeFlags }));
}

/**
 * Measures a target again while other processes disturbed it, up to `maxAttempts` times; keeps the least
 * disturbed run and says how many were made.
 * @param {import('./session.js').Session} session
 * @param {import('./processes/servers.js').Target} target
 * @param {import('./load/measure-target.js').RunPlan} runPlan
 * @param {number} maxAttempts
 * @returns {Promise<import('./load/measure-target.js').RunResult & { attempts: number }>}
 */
async function measureUndisturbed(session, target, runPlan, maxAttempts) {
  let best = await measureTarget(session, target, runPlan);
  let attempts = 1;
  while (best.otherCores > NOISY_OTHER_CORES && attempts < maxAttempts) {
    console.log(
      `${target.name} @${runPlan.connections}: disturbed (${fixed(best.otherCores, 2)} cores), again`,
    );
    const run = await measureTarget(session, target, runPlan);
    attempts += 1;
    if (run.otherCores < best.otherCores) best = run;
  }
  return { ...best, attempts };
}

/** @param {import('./load/measure-target.js').RunResult} run */
function describeRun({ target, connections, creators, nodeFlags }) {
  return [target, nodeFlags, `@${connections}`, `${creators} creators`].filter(Boolean).join(' ');
}

/**
 * Targets alternate within each level (API, baseline, API, ...), levels within each setting (database size,
 * Node options), and the whole sequence runs `plan.rounds` times, so drift in the machine's state over the
 * session affects them alike and one slow spell moves one round, not the headline (the median round).
 * @param {import('./session.js').Session} session
 * @param {import('./plan.js').Plan} plan
 */
export async function runBenchmark(session, plan) {
  const startups =
    plan.startups > 0
      ? await measureStartups(session, targetsOf(plan, plan.nodeFlagSets[0]), plan.startups)
      : [];
  /** @type {import('./load/measure-target.js').RunResult[]} */
  const runs = [];
  for (let round = 1; round <= plan.rounds; round += 1) {
    for (const platform of session.platforms) {
      for (const nodeFlags of plan.nodeFlagSets) {
        for (const connections of plan.connectionLevels) {
          for (const target of targetsOf(plan, nodeFlags)) {
            const runPlan = {
              platform,
              stripeLatency: plan.stripeLatency,
              connections,
              ...loadSize(plan, connections),
              timeCapMs: plan.timeCapMs,
              quietWaitMs: plan.quietWaitMs,
            };
            const run = await measureUndisturbed(session, target, runPlan, plan.attemptsPerRun);
            console.log(
              `round ${round}/${plan.rounds} ${describeRun(run)}: ${fixed(run.load.requestsPerSecond, 0)} req/s, ` +
                `p99 ${fixed(run.load.latencyMs.p99, 0)} ms, ${run.load.ok} 2xx, ${run.load.non2xx} non-2xx, ` +
                `${run.load.errors} errors${run.load.stoppedByTimeCap ? ' (stopped by the time cap)' : ''}; ` +
                `other processes ${fixed(run.otherCores, 2)} cores (waited ${fixed(run.quietWait.waitedMs / 1_000, 0)} s ` +
                `for a quiet machine${run.quietWait.quiet ? '' : ', in vain'})`,
            );
            runs.push({ ...run, round });
          }
        }
      }
    }
  }
  return { runs, startups };
}
