/** `pnpm bench`: see plan.js for the options and bench/RESULTS.md for what it measures. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COUNT_HIT } from '../baseline/rate-limiter.js';
import { TOKEN_STANDING_SQL } from '../baseline/token-standing.js';
import { runBenchmark } from './benchmark.js';
import { CleanupStack } from './cleanup.js';
import { apiThrottlerStorageSource, apiTokenRevocationsSource, resultsDirectory } from './paths.js';
import { LOG_LEVEL, parsePlan, USAGE } from './plan.js';
import { runProfiles } from './profiling.js';
import { growthFigures, headlineFigures, targetsFor } from './report/headline.js';
import { describeMachine, describeRevision } from './report/machine.js';
import {
  connectionTable,
  growthTable,
  headlineRoundsTable,
  headlineTable,
  hotQueryReport,
  loadTable,
  processTable,
  profileTables,
  startupTable,
} from './report/print.js';
import { openSession } from './session.js';
import { buildApi } from './setup/build.js';

// Nothing leaves the machine: the Prisma CLI (migrations) skips its update check, turbo its telemetry.
process.env.CHECKPOINT_DISABLE = '1';
process.env.TURBO_TELEMETRY_DISABLED = '1';

/** @param {string} text */
function withoutSpacing(text) {
  return text.replace(/\s+/g, ' ');
}

/**
 * The baseline must make the API's limiter call and its sign-out query; say so when the API's copy has changed
 * since (its query is a `$queryRaw` template: its values are compared as the placeholders they are sent as).
 */
async function warnIfCopiesDiffer() {
  const limiter = await readFile(apiThrottlerStorageSource, 'utf8').catch(() => '');
  if (!limiter.includes(COUNT_HIT)) {
    console.warn(
      "warning: the API's limiter script differs from bench/baseline/rate-limiter.js: update the copy",
    );
  }
  const revocations = await readFile(apiTokenRevocationsSource, 'utf8').catch(() => '');
  const placeholders = { tokenDigest: '$1', userId: '$2' };
  const sent = withoutSpacing(
    revocations.replace(/\$\{(tokenDigest|userId)\}/g, (_, name) => placeholders[name] ?? name),
  );
  if (!sent.includes(withoutSpacing(TOKEN_STANDING_SQL))) {
    console.warn(
      "warning: the API's sign-out query differs from bench/baseline/token-standing.js: update the copy",
    );
  }
}

/** The report's sections, printed as they come and kept for results/<name>.md. */
class Report {
  /** @type {string[]} */
  sections = [];

  /** @param {string} title @param {string} body */
  add(title, body) {
    const section = `### ${title}\n\n${body}`;
    console.log(`\n${section}`);
    this.sections.push(section);
  }
}

/**
 * @param {import('./plan.js').Plan} plan
 * @param {import('./session.js').Session} session
 * @param {Report} report
 */
async function measure(plan, session, report) {
  const context = {
    mode: plan.mode,
    scenario: plan.scenario,
    finishedAt: '',
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
    machine: describeMachine(),
    revision: describeRevision(),
    setup: {
      logLevel: LOG_LEVEL,
      plan,
      platforms: session.platforms.map(({ creators, tokens, seedSeconds, hotQueries }) => ({
        creators,
        tokenHolders: tokens.length,
        seedSeconds,
        hotQueries,
      })),
    },
  };
  if (plan.mode !== 'smoke') {
    report.add(
      'The hot queries: EXPLAIN (ANALYZE, BUFFERS), read a second time',
      hotQueryReport(session.platforms),
    );
  }
  if (plan.mode === 'profile') {
    const profiles = await runProfiles(session, plan);
    for (const { target, summary, allocation } of profiles)
      report.add(`Profile: ${target}`, profileTables(target, summary, allocation));
    return { failed: false, results: { ...context, profiles } };
  }

  const { runs, startups } = await runBenchmark(session, plan);
  const targets = targetsFor(plan.stripeLatency);
  const headline = plan.withBaseline
    ? headlineFigures(runs, startups, plan.headlineConnections, plan.stripeLatency)
    : [];
  const growth = growthFigures(runs);
  const stripe =
    plan.stripeLatency.baseMs > 0
      ? `, Stripe answering in ${plan.stripeLatency.baseMs}–${plan.stripeLatency.baseMs + plan.stripeLatency.jitterMs} ms`
      : '';
  report.add(
    `Load${stripe}`,
    `Up to ${plan.requests} measured requests per run, after a warm-up of ≥ ${plan.warmupRequests} answers and one per connection\n\n${loadTable(runs)}`,
  );
  report.add('CPU seconds over the measured load and memory, by process', processTable(runs));
  report.add('Held open at the peak of each measured load', connectionTable(runs));
  if (startups.length > 0) report.add('Start-up to GET /health/ready = 200', startupTable(startups, runs));
  if (headline.length > 0) {
    report.add(`Headline (median of ${plan.rounds} rounds)`, headlineTable(headline, targets));
    report.add('Each round', headlineRoundsTable(headline));
  }
  report.add('Growth: medians over the rounds (lowest–highest round)', growthTable(growth));

  const failedRuns = runs.filter((run) => run.load.serverErrors > 0 || run.load.ok === 0);
  for (const run of failedRuns) {
    console.error(
      `FAILED: ${run.target} ${run.nodeFlags} @${run.connections}: ${run.load.serverErrors} 5xx, ${run.load.ok} 2xx` +
        `${run.serverExit ? `; the server died: ${run.serverExit.reason}` : ''}`,
    );
  }
  return { failed: failedRuns.length > 0, results: { ...context, headline, growth, startups, runs } };
}

async function main() {
  let plan;
  try {
    plan = parsePlan(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    return 2;
  }
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
    await warnIfCopiesDiffer();
    session = await openSession({ creatorCounts: plan.creatorCounts, logLevel: LOG_LEVEL }, cleanup);
    const report = new Report();
    const { failed, results } = await measure(plan, session, report);
    const finishedAt = new Date().toISOString();
    const resultsPath = join(resultsDirectory, `${plan.resultsName}.json`);
    await writeFile(resultsPath, `${JSON.stringify({ ...results, finishedAt }, null, 2)}\n`);
    const { machine, revision, command } = results;
    const header =
      `\`${command}\`, finished ${finishedAt}, commit ${revision.commit?.slice(0, 7) ?? 'unknown'}` +
      `${revision.uncommittedChanges.length > 0 ? ` (+ ${revision.uncommittedChanges.length} uncommitted files under test)` : ''}; ` +
      `${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}, load average ${machine.loadAverageAtStart} at the start.`;
    await writeFile(
      join(resultsDirectory, `${plan.resultsName}.md`),
      `${[header, ...report.sections].join('\n\n')}\n`,
    );
    console.log(`\nWritten to ${resultsPath} and ${plan.resultsName}.md`);
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
