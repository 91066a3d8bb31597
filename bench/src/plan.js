/** Command-line options into the plan of a bench run. */
import { parseArgs } from 'node:util';
import { REQUESTS_PER_TOKEN_LIMIT } from './setup/tokens.js';

export const CREATOR_COUNT = 2_000;
/** One access-log line per request, as production runs; the baseline writes the same line. */
export const LOG_LEVEL = 'info';
const ADAPTERS = ['fastify', 'express'];
/** Other processes used this many cores on average during a run: its figures are suspect, run it again. */
export const NOISY_OTHER_CORES = 0.25;

export const USAGE = `Usage: pnpm bench [-- options]

  (no option)            full run: start-up timing, then API and baseline in turns at each connection level
  --smoke                ~200 requests at 16 connections on the API only; fails on any 5xx or no 200 (CI)
  --profile              CPU profiles of the API and the baseline over one measured run at 64 connections
  --adapters <list>      API adapters to run, comma-separated: fastify,express (default fastify)
  --connections <list>   connection levels (default 16,64,256)
  --requests <n>         measured requests per run (default 8000)
  --warmup <n>           warm-up requests before each measured run (default 1000)
  --startups <n>         starts per target for the start-up median (default 10)
  --rounds <n>           times every target runs at every level, in turns; the headline takes the median (default 3)
  --no-build             use the API's current build output instead of rebuilding it first
`;

/**
 * @typedef {object} Plan
 * @property {'full' | 'smoke' | 'profile'} mode
 * @property {('fastify' | 'express')[]} adapters
 * @property {boolean} withBaseline
 * @property {number[]} connectionLevels
 * @property {number} requests
 * @property {number} warmupRequests
 * @property {number} startups
 * @property {number} rounds every target at every level this many times; the headline is the median round's
 * @property {number} timeCapMs for each load, warm-up included
 * @property {number} quietWaitMs longest wait for other work on the machine to stop before each measured run
 * @property {number} attemptsPerRun a run other processes disturbed is run again, up to this many times in all
 * @property {boolean} build
 * @property {string} resultsFile under bench/results/
 */

/** @param {string} name @param {string} text */
function positiveIntegers(name, text) {
  const values = text.split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`--${name} takes positive whole numbers, got "${text}"`);
  }
  return values;
}

/** @param {string[]} argv @returns {Plan | 'help'} */
export function parsePlan(argv) {
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      smoke: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      adapters: { type: 'string', default: 'fastify' },
      connections: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      startups: { type: 'string' },
      rounds: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.smoke && values.profile) throw new Error('--smoke and --profile exclude each other');
  const adapters = values.adapters.split(',');
  const unknown = adapters.filter((adapter) => !ADAPTERS.includes(adapter));
  if (unknown.length > 0)
    throw new Error(`unknown adapter ${unknown.join(', ')}; use ${ADAPTERS.join(' or ')}`);

  const mode = values.smoke ? 'smoke' : values.profile ? 'profile' : 'full';
  const defaults = {
    full: { connections: '16,64,256', requests: '8000', warmup: '1000', startups: '10', rounds: '3' },
    smoke: { connections: '16', requests: '200', warmup: '20', startups: '0', rounds: '1' },
    profile: { connections: '64', requests: '8000', warmup: '1000', startups: '0', rounds: '1' },
  }[mode];
  const plan = {
    mode,
    adapters: /** @type {Plan['adapters']} */ (adapters),
    withBaseline: mode !== 'smoke',
    connectionLevels: positiveIntegers('connections', values.connections ?? defaults.connections),
    requests: positiveIntegers('requests', values.requests ?? defaults.requests)[0] ?? 0,
    warmupRequests: Number(values.warmup ?? defaults.warmup),
    startups: Number(values.startups ?? defaults.startups),
    rounds: positiveIntegers('rounds', values.rounds ?? defaults.rounds)[0] ?? 1,
    timeCapMs: mode === 'smoke' ? 20_000 : 120_000,
    quietWaitMs: mode === 'smoke' ? 0 : 60_000,
    attemptsPerRun: mode === 'smoke' ? 1 : 3,
    build: !values['no-build'],
    resultsFile: { full: 'latest.json', smoke: 'smoke.json', profile: 'profile.json' }[mode],
  };
  checkTokenBudget(plan);
  return /** @type {Plan} */ (plan);
}

/**
 * Every server start sees each token at most REQUESTS_PER_TOKEN_LIMIT times, so the real limit stays on
 * and no request is refused by it. Besides the probe, warm-up and measured requests, each load sends one
 * more request per connection after the window and builds one more per connection ahead.
 * @param {{ requests: number, warmupRequests: number, connectionLevels: number[] }} plan
 */
function checkTokenBudget({ requests, warmupRequests, connectionLevels }) {
  const requestsPerStart = 1 + warmupRequests + requests + 2 * Math.max(...connectionLevels);
  if (requestsPerStart > CREATOR_COUNT * REQUESTS_PER_TOKEN_LIMIT) {
    throw new Error(
      `${requestsPerStart} requests per server start would exceed ${REQUESTS_PER_TOKEN_LIMIT} per token ` +
        `for ${CREATOR_COUNT} creators; lower --requests or --warmup`,
    );
  }
}
