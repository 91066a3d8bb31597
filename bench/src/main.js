/** `pnpm bench`: see plan.js for the options and bench/RESULTS.md for what it measures. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COUNT_HIT } from '../baseline/rate-limiter.js';
import { runBenchmark } from './benchmark.js';
import { CleanupStack } from './cleanup.js';
import { apiThrottlerStorageSource, resultsDirectory } from './paths.js';
import { CREATOR_COUNT, LOG_LEVEL, parsePlan, USAGE } from './plan.js';
import { runProfiles } from './profiling.js';
import { headlineFigures } from './report/headline.js';
import { describeMachine, describeRevision } from './report/machine.js';
import {
  headlineRoundsTable,
  headlineTable,
  loadTable,
  processTable,
  profileTables,
  startupTable,
} from './report/print.js';
import { openSession } from './session.js';
import { buildApi } from './setup/build.js';

const HEADLINE_CONNECTIONS = 64;

// Nothing leaves the machine: the Prisma CLI (migrations) skips its update check, turbo its telemetry.
process.env.CHECKPOINT_DISABLE = '1';
process.env.TURBO_TELEMETRY_DISABLED = '1';

/** The baseline must make the API's limiter call; say so when the API's script has changed since. */
async function warnIfLimiterScriptDiffers() {
  const source = await readFile(apiThrottlerStorageSource, 'utf8').catch(() => '');
  if (!source.includes(COUNT_HIT)) {
    console.warn(
      "warning: the API's limiter script differs from bench/baseline/rate-limiter.js: update the copy",
    );
  }
}

/** @param {import('./plan.js').Plan} plan @param {import('./session.js').Session} session */
async function measure(plan, session) {
  const context = {
    mode: plan.mode,
    finishedAt: '',
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
    machine: describeMachine(),
    revision: describeRevision(),
    setup: { creators: CREATOR_COUNT, logLevel: LOG_LEVEL, plan },
  };
  if (plan.mode === 'profile') {
    const profiles = await runProfiles(session, plan);
    for (const { target, summary } of profiles) console.log(`\n${profileTables(target, summary)}`);
    return { failed: false, results: { ...context, profiles } };
  }

  const { runs, startups } = await runBenchmark(session, plan);
  const headline = plan.withBaseline ? headlineFigures(runs, startups, HEADLINE_CONNECTIONS) : [];
  console.log(
    `\nLoad (${plan.requests} measured requests per run, after a warm-up of ≥ ${plan.warmupRequests} answers and one per connection)\n`,
  );
  console.log(loadTable(runs));
  console.log('\nCPU seconds over the measured load and peak memory, by process\n');
  console.log(processTable(runs));
  if (startups.length > 0)
    console.log(`\nStart-up to GET /health/ready = 200\n\n${startupTable(startups, runs)}`);
  if (headline.length > 0) {
    console.log(`\nHeadline (median of ${plan.rounds} rounds)\n\n${headlineTable(headline)}`);
    console.log(`\nEach round\n\n${headlineRoundsTable(headline)}`);
  }

  const failedRuns = runs.filter((run) => run.load.serverErrors > 0 || run.load.ok === 0);
  for (const run of failedRuns) {
    console.error(
      `FAILED: ${run.target} @${run.connections}: ${run.load.serverErrors} 5xx, ${run.load.ok} 2xx`,
    );
  }
  return { failed: failedRuns.length > 0, results: { ...context, headline, startups, runs } };
}

async function main() {
  const plan = parsePlan(process.argv.slice(2));
  if (plan === 'help') {
    console.log(USAGE);
    return 0;
  }
  const cleanup = new CleanupStack();
  /** @type {import('./session.js').Session | undefined} */
  let session;
  let interrupted = false;
  const onSignal = async (/** @type {NodeJS.Signals} */ signal) => {
    if (interrupted) {
      session?.children.killAllNow();
      process.exit(130);
    }
    interrupted = true;
    console.error(`\n${signal}: cleaning up (again to quit at once)`);
    await cleanup.runAll();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (plan.build) await buildApi();
    await warnIfLimiterScriptDiffers();
    session = await openSession({ creatorCount: CREATOR_COUNT, logLevel: LOG_LEVEL }, cleanup);
    const { failed, results } = await measure(plan, session);
    const resultsPath = join(resultsDirectory, plan.resultsFile);
    await writeFile(
      resultsPath,
      `${JSON.stringify({ ...results, finishedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    console.log(`\nWritten to ${resultsPath}`);
    return failed ? 1 : 0;
  } catch (error) {
    console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
    if (session) {
      session.keepLogs();
      console.error(`children's logs kept in ${session.workDirectory}`);
    }
    return 1;
  } finally {
    await cleanup.runAll();
  }
}

process.exitCode = await main();
