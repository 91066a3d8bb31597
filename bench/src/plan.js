/** Command-line options into the plan of a bench run. */
import { parseArgs } from 'node:util';
import { REQUESTS_PER_TOKEN_LIMIT, TOKEN_HOLDERS_MAX } from './setup/tokens.js';

/** One access-log line per request, as production runs; the baseline writes the same line. */
export const LOG_LEVEL = 'info';
/** Other processes used this many cores on average during a run: its figures are suspect, run it again. */
export const NOISY_OTHER_CORES = 0.25;
/**
 * With a slow Stripe each request holds its connection for the whole delay, so a fixed request count would take
 * minutes at 16 in flight and seconds at 1,000: each connection makes about this many round trips per window.
 */
const ROUND_TRIPS_PER_CONNECTION = 25;

/**
 * Full runs' presets. Every run compares the API with the baseline under the same conditions; options given on
 * the command line override the preset's.
 */
const SCENARIOS = {
  usual: {
    connections: '16,64,256',
    creators: '2000',
    headlineConnections: 64,
    startups: '10',
    stripeLatencyMs: '0',
    stripeJitterMs: '0',
    nodeFlags: [''],
  },
  /** Stripe answering in hundreds of milliseconds: up to 1,000 requests waiting on it at once. */
  'slow-stripe': {
    connections: '16,64,256,1000',
    creators: '2000',
    headlineConnections: 1000,
    startups: '0',
    stripeLatencyMs: '275',
    stripeJitterMs: '50',
    nodeFlags: [''],
  },
  /** The usual run on 2,000 and on 1,000,000 creators, in turns. */
  'large-platform': {
    connections: '16,64,256,1000',
    creators: '2000,1000000',
    headlineConnections: 64,
    startups: '0',
    stripeLatencyMs: '0',
    stripeJitterMs: '0',
    nodeFlags: [''],
  },
  /** What fits a 256 MB container: 256 connections, without and with V8 heap limits (API and baseline alike). */
  container: {
    connections: '256',
    creators: '2000',
    headlineConnections: 256,
    startups: '0',
    stripeLatencyMs: '0',
    stripeJitterMs: '0',
    nodeFlags: [
      '',
      '--max-old-space-size=128 --max-semi-space-size=2',
      '--max-old-space-size=96 --max-semi-space-size=2',
    ],
  },
};

export const USAGE = `Usage: pnpm bench [-- options]

  (no option)            the usual run: start-up timing, then API and baseline in turns at 16, 64 and 256
                         connections on 2,000 creators, 3 rounds → results/latest.{json,md}
  --scenario <name>      a preset, results in results/<name>.{json,md}:
                           slow-stripe     Stripe answers in 275–325 ms; 16 to 1,000 requests in flight
                           large-platform  2,000 and 1,000,000 creators in turns; 16 to 1,000 connections
                           container       256 connections, without and with V8 heap limits (--node-flags)
  --smoke                ~200 requests at 16 connections on the API only; fails on any 5xx or no 200 (CI)
  --profile              CPU and allocation profiles of the API and the baseline over one measured run at
                         64 connections

  Any preset's setting can be changed:
  --connections <list>   connection levels (requests in flight)
  --creators <list>      creators in the database, one database per count (e.g. 2000,1000000)
  --stripe-latency-ms <n>   the Stripe emulator holds every answer this long (0: answers at once)
  --stripe-jitter-ms <n>    … plus a uniformly random share of this much
  --node-flags=<flags>   Node options for the API and the baseline alike, after an equals sign
                         (--node-flags="--max-old-space-size=96"); repeat it to compare several;
                         --node-flags= runs without
  --requests <n>         measured requests per run (default 8000; with a slow Stripe at most
                         ${ROUND_TRIPS_PER_CONNECTION} per connection)
  --warmup <n>           warm-up requests before each measured run (default 1000)
  --startups <n>         starts per target for the start-up median
  --rounds <n>           times every target runs at every level, in turns; the headline takes the median (default 3)
  --no-build             use the API's current build output instead of rebuilding it first
`;

/**
 * @typedef {object} Plan
 * @property {'full' | 'smoke' | 'profile'} mode
 * @property {string} scenario
 * @property {boolean} withBaseline
 * @property {number[]} connectionLevels
 * @property {number} headlineConnections the level throughput and p99 ratios are read at
 * @property {number[]} creatorCounts one database each
 * @property {{ baseMs: number, jitterMs: number }} stripeLatency
 * @property {string[]} nodeFlagSets each one a setting every target runs with; '' for none
 * @property {number} requests
 * @property {number} warmupRequests
 * @property {number} startups
 * @property {number} rounds every target at every level this many times; the headline is the median round's
 * @property {number} timeCapMs for each load, warm-up included
 * @property {number} quietWaitMs longest wait for other work on the machine to stop before each measured run
 * @property {number} attemptsPerRun a run other processes disturbed is run again, up to this many times in all
 * @property {boolean} build
 * @property {string} resultsName results/<name>.json and .md; profiles/<name>-<target>.cpuprofile and .heapprofile
 */

/** @param {string} name @param {string} text @param {number} [min] */
function wholeNumbers(name, text, min = 1) {
  const values = text.split(',').map(Number);
  if (text === '' || values.some((value) => !Number.isInteger(value) || value < min)) {
    throw new Error(`--${name} takes whole numbers ≥ ${min}, got "${text}"`);
  }
  return values;
}

/** @param {string} name @param {string} text @param {number} [min] */
function wholeNumber(name, text, min = 1) {
  const [value] = wholeNumbers(name, text, min);
  return /** @type {number} */ (value);
}

/** @param {string[]} argv @returns {Plan | 'help'} */
export function parsePlan(argv) {
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      smoke: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      scenario: { type: 'string', default: 'usual' },
      connections: { type: 'string' },
      creators: { type: 'string' },
      'stripe-latency-ms': { type: 'string' },
      'stripe-jitter-ms': { type: 'string' },
      'node-flags': { type: 'string', multiple: true },
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
  const preset = SCENARIOS[/** @type {keyof typeof SCENARIOS} */ (values.scenario)];
  if (!preset)
    throw new Error(`unknown scenario ${values.scenario}; use ${Object.keys(SCENARIOS).join(', ')}`);

  const mode = values.smoke ? 'smoke' : values.profile ? 'profile' : 'full';
  const defaults = {
    full: { ...preset, requests: '8000', warmup: '1000', rounds: '3' },
    smoke: { ...preset, connections: '16', requests: '200', warmup: '20', startups: '0', rounds: '1' },
    profile: { ...preset, connections: '64', requests: '8000', warmup: '1000', startups: '0', rounds: '1' },
  }[mode];
  const connectionLevels = wholeNumbers('connections', values.connections ?? defaults.connections);
  const plan = {
    mode,
    scenario: values.scenario,
    withBaseline: mode !== 'smoke',
    connectionLevels,
    headlineConnections: connectionLevels.includes(defaults.headlineConnections)
      ? defaults.headlineConnections
      : Math.max(...connectionLevels),
    creatorCounts: wholeNumbers('creators', values.creators ?? defaults.creators),
    stripeLatency: {
      baseMs: wholeNumber('stripe-latency-ms', values['stripe-latency-ms'] ?? defaults.stripeLatencyMs, 0),
      jitterMs: wholeNumber('stripe-jitter-ms', values['stripe-jitter-ms'] ?? defaults.stripeJitterMs, 0),
    },
    nodeFlagSets: (values['node-flags'] ?? defaults.nodeFlags).map((flags) => flags.trim()),
    requests: wholeNumber('requests', values.requests ?? defaults.requests),
    warmupRequests: wholeNumber('warmup', values.warmup ?? defaults.warmup, 0),
    startups: wholeNumber('startups', values.startups ?? defaults.startups, 0),
    rounds: wholeNumber('rounds', values.rounds ?? defaults.rounds),
    timeCapMs: mode === 'smoke' ? 20_000 : 120_000,
    quietWaitMs: mode === 'smoke' ? 0 : 30_000,
    attemptsPerRun: mode === 'smoke' ? 1 : 2,
    build: !values['no-build'],
    resultsName: resultsNameOf(mode, values.scenario),
  };
  for (const connections of connectionLevels)
    checkTokenBudget(plan, loadSize(plan, connections), connections);
  return /** @type {Plan} */ (plan);
}

/**
 * results/<name>: `latest` for the usual run, the scenario's name for the others; smoke and profile runs by
 * their mode (a profile under another scenario by both).
 * @param {Plan['mode']} mode @param {string} scenario
 */
function resultsNameOf(mode, scenario) {
  if (mode === 'smoke') return 'smoke';
  if (mode === 'profile') return scenario === 'usual' ? 'profile' : `profile-${scenario}`;
  return scenario === 'usual' ? 'latest' : scenario;
}

/**
 * Measured and warm-up requests of one run at a connection level. With a slow Stripe, a connection makes one
 * round trip per delay whatever the server does, so the window is sized in round trips per connection.
 * @param {Pick<Plan, 'requests' | 'warmupRequests' | 'stripeLatency'>} plan
 * @param {number} connections
 */
export function loadSize({ requests, warmupRequests, stripeLatency }, connections) {
  if (stripeLatency.baseMs === 0) return { requests, warmupRequests };
  const roundTrips = connections * ROUND_TRIPS_PER_CONNECTION;
  return { requests: Math.min(requests, roundTrips), warmupRequests: Math.min(warmupRequests, roundTrips) };
}

/** The tokens minted per database: the creators spread over it that the load acts as. @param {number} creators */
export function tokenHoldersOf(creators) {
  return Math.min(creators, TOKEN_HOLDERS_MAX);
}

/**
 * Every server start sees each token at most REQUESTS_PER_TOKEN_LIMIT times, so the real limit stays on
 * and no request is refused by it. Besides the probe, warm-up and measured requests, each load sends one
 * request per connection as it opens them, and has one per connection in flight when the window closes.
 * @param {{ creatorCounts: number[] }} plan
 * @param {{ requests: number, warmupRequests: number }} size
 * @param {number} connections
 */
function checkTokenBudget({ creatorCounts }, { requests, warmupRequests }, connections) {
  const requestsPerStart = 1 + warmupRequests + requests + 2 * connections;
  const tokenHolders = tokenHoldersOf(Math.min(...creatorCounts));
  if (requestsPerStart > tokenHolders * REQUESTS_PER_TOKEN_LIMIT) {
    throw new Error(
      `${requestsPerStart} requests per server start would exceed ${REQUESTS_PER_TOKEN_LIMIT} per token ` +
        `for ${tokenHolders} creators; lower --requests or --warmup, or add --creators`,
    );
  }
}
