/** The report: tables of the runs, start-up, headline ratios, growth, the hot query's plan and CPU profiles. */
import { NOISY_OTHER_CORES } from '../plan.js';
import { fixed, formatTable, megabytes } from './text-table.js';

const ROLES = /** @type {const} */ (['server', 'emulator', 'postgres', 'redis', 'loadGenerator']);

/**
 * @typedef {{ creators: number, nodeFlags: string }} Setting
 */

/**
 * Columns for the settings that vary between the runs given (database size, Node options); none when all ran
 * under the same.
 * @param {Setting[]} rows
 */
function settingColumns(rows) {
  const columns = [];
  if (new Set(rows.map((row) => row.creators)).size > 1)
    columns.push({
      header: 'creators',
      cell: (/** @type {Setting} */ row) => row.creators.toLocaleString('en'),
    });
  if (new Set(rows.map((row) => row.nodeFlags)).size > 1)
    columns.push({ header: 'node flags', cell: (/** @type {Setting} */ row) => row.nodeFlags || 'none' });
  return columns;
}

/** @param {string} text */
function noisy(text, /** @type {number} */ otherCores) {
  return `${text}${otherCores > NOISY_OTHER_CORES ? ' noisy' : ''}`;
}

/** @param {import('../load/measure-target.js').RunResult[]} runs */
export function loadTable(runs) {
  const settings = settingColumns(runs);
  return formatTable(
    [
      'round',
      'target',
      ...settings.map((column) => column.header),
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
    runs.map((run) => [
      String(run.round ?? 1),
      run.target,
      ...settings.map((column) => column.cell(run)),
      String(run.connections),
      fixed(run.load.requestsPerSecond, 0),
      fixed(run.load.latencyMs.p50, 0),
      fixed(run.load.latencyMs.p99, 0),
      String(run.load.ok),
      String(run.load.non2xx),
      String(run.load.errors),
      fixed(run.processes.server.cpuSeconds, 2),
      fixed(run.serverCpuSecondsPer1kOk, 3),
      noisy(fixed(run.otherCores, 2), run.otherCores),
    ]),
  );
}

/** @param {import('../load/measure-target.js').RunResult[]} runs */
export function processTable(runs) {
  const settings = settingColumns(runs);
  return formatTable(
    [
      'round',
      'target',
      ...settings.map((column) => column.header),
      'conns',
      ...ROLES.map((role) => `${role} CPU s`),
      'other CPU s',
      'server RSS idle→peak MB',
      'emulator MB',
      'postgres PSS MB',
      'redis MB',
      'loadGenerator MB',
    ],
    runs.map((run) => [
      String(run.round ?? 1),
      run.target,
      ...settings.map((column) => column.cell(run)),
      String(run.connections),
      ...ROLES.map((role) => fixed(run.processes[role].cpuSeconds, 2)),
      fixed(run.otherCpuSeconds, 2),
      `${megabytes(run.serverIdleMemoryBytes)} → ${megabytes(run.serverPeakMemoryBytes)}`,
      ...ROLES.slice(1).map((role) => megabytes(run.processes[role].peakMemoryBytes)),
    ]),
  );
}

/** What each run held open at its peak: sockets to Stripe, database backends, file descriptors. */
export function connectionTable(/** @type {import('../load/measure-target.js').RunResult[]} */ runs) {
  const settings = settingColumns(runs);
  return formatTable(
    [
      'round',
      'target',
      ...settings.map((column) => column.header),
      'conns',
      'sockets to Stripe',
      'to Stripe in TIME_WAIT',
      'database backends',
      'server open files',
      'timeouts',
      'accept queue overflows',
      'server died',
    ],
    runs.map((run) => [
      String(run.round ?? 1),
      run.target,
      ...settings.map((column) => column.cell(run)),
      String(run.connections),
      String(run.connectionPeaks.stripeSockets),
      String(run.connectionPeaks.stripeTimeWait),
      String(run.connectionPeaks.databaseBackends),
      String(run.connectionPeaks.serverOpenFiles),
      String(run.load.timeouts),
      String(run.listenOverflows),
      run.serverExit
        ? `${run.serverExit.signal ?? run.serverExit.code}: ${run.serverExit.reason.slice(0, 80)}`
        : '—',
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
        Math.max(...runs.filter((run) => run.target === target).map((run) => run.serverPeakMemoryBytes)),
      ),
    ]),
  );
}

/** @param {number | null | undefined} value @param {boolean | null | undefined} met @param {number} digits */
function judged(value, met, digits) {
  if (value === null || value === undefined) return '—';
  return `${fixed(value, digits)} ${met ? 'ok' : 'MISSED'}`;
}

/** @typedef {ReturnType<typeof import('./headline.js').headlineFigures>} Headline */

/**
 * @param {Headline} headline
 * @param {ReturnType<typeof import('./headline.js').targetsFor>} targets
 */
export function headlineTable(headline, targets) {
  const settings = settingColumns(headline);
  const at = headline[0]?.atConnections;
  const slowStripe = 'p99WithinStripeDelay' in targets;
  /** @type {{ header: string, cell: (entry: Headline[number]) => string }[]} */
  const columns = [
    {
      header: `CPU/request ratio (≤ ${targets.cpuPerRequestRatio.max})`,
      cell: (entry) => judged(entry.cpuPerRequestRatio, entry.meetsTarget.cpuPerRequestRatio, 2),
    },
    {
      header: `throughput ratio @${at} (≥ ${targets.throughputRatio.min})`,
      cell: (entry) => judged(entry.throughputRatio, entry.meetsTarget.throughputRatio, 2),
    },
    slowStripe
      ? {
          header: `p99 ms @${at} (≤ ${headline[0]?.p99BudgetMs})`,
          cell: (entry) =>
            `${judged(entry.p99Ms, entry.meetsTarget.p99WithinStripeDelay, 0)} (baseline ${fixed(entry.baselineP99Ms, 0)})`,
        }
      : {
          header: `p99 ratio @${at} (≤ ${targets.p99Ratio?.max})`,
          cell: (entry) => judged(entry.p99Ratio, entry.meetsTarget.p99Ratio, 2),
        },
    ...(slowStripe
      ? [
          {
            header: `req/s @${at} ÷ in flight/delay`,
            cell: (/** @type {Headline[number]} */ entry) =>
              `${fixed(entry.throughputOfIdeal, 2)} (baseline ${fixed(entry.baselineThroughputOfIdeal, 2)})`,
          },
        ]
      : []),
    {
      header: `start-up ratio (≤ ${targets.startupRatio.max})`,
      cell: (entry) =>
        `${judged(entry.startupRatio, entry.meetsTarget.startupRatio, 2)} (${fixed(entry.startupMs, 0)} / ${fixed(entry.baselineStartupMs, 0)} ms)`,
    },
    {
      header: `idle RSS ratio (≤ ${targets.idleRssRatio.max})`,
      cell: (entry) =>
        `${judged(entry.idleRssRatio, entry.meetsTarget.idleRssRatio, 2)} (${fixed(entry.idleRssMb, 0)} / ${fixed(entry.baselineIdleRssMb, 0)} MB)`,
    },
    {
      header: `peak RSS ratio (≤ ${targets.peakRssRatio.max})`,
      cell: (entry) =>
        `${judged(entry.peakRssRatio, entry.meetsTarget.peakRssRatio, 2)} (${fixed(entry.peakRssMb, 0)} / ${fixed(entry.baselinePeakRssMb, 0)} MB)`,
    },
    {
      header: 'failed requests (0)',
      cell: (entry) => judged(entry.failedRequests, entry.meetsTarget.failedRequests, 0),
    },
  ];
  return formatTable(
    [
      'API vs baseline',
      ...settings.map((column) => column.header),
      ...columns.map((column) => column.header),
    ],
    headline.map((entry) => [
      entry.target,
      ...settings.map((column) => column.cell(entry)),
      ...columns.map((column) => column.cell(entry)),
    ]),
  );
}

/** @param {Headline} headline */
export function headlineRoundsTable(headline) {
  const settings = settingColumns(headline);
  return formatTable(
    [
      'API vs baseline',
      ...settings.map((column) => column.header),
      'round',
      'CPU/request ratio',
      'by connections',
      'throughput ratio',
      'p99 ratio',
    ],
    headline.flatMap((entry) =>
      entry.byRound.map((round) => [
        entry.target,
        ...settings.map((column) => column.cell(entry)),
        String(round.round),
        fixed(round.cpuPerRequestRatio, 2),
        Object.entries(round.cpuPerRequestRatioByConnections)
          .map(([connections, ratio]) => `${connections}: ${fixed(ratio, 2)}`)
          .join(', '),
        fixed(round.throughputRatio, 2),
        fixed(round.p99Ratio, 2),
      ]),
    ),
  );
}

/** @param {{ median: number | null, min: number, max: number }} range @param {number} digits */
function withRange({ median, min, max }, digits) {
  return min === max
    ? fixed(median, digits)
    : `${fixed(median, digits)} (${fixed(min, digits)}–${fixed(max, digits)})`;
}

/**
 * Per target, setting and level: medians over the rounds, the lowest and highest round in brackets.
 * @param {ReturnType<typeof import('./headline.js').growthFigures>} growth
 */
export function growthTable(growth) {
  const settings = settingColumns(growth);
  const slowStripe = growth.some((row) => row.idealOkPerSecond !== null);
  const sorted = [...growth].sort(
    (a, b) =>
      a.creators - b.creators ||
      a.nodeFlags.localeCompare(b.nodeFlags) ||
      a.connections - b.connections ||
      a.target.localeCompare(b.target),
  );
  return formatTable(
    [
      'target',
      ...settings.map((column) => column.header),
      'in flight',
      ...(slowStripe ? ['in flight ÷ delay req/s'] : []),
      'req/s',
      'CPU ms/request',
      'p99 ms',
      'peak RSS MB',
      'failed',
      'Stripe sockets',
      'TIME_WAIT',
      'DB backends',
    ],
    sorted.map((row) => [
      row.target,
      ...settings.map((column) => column.cell(row)),
      String(row.connections),
      ...(slowStripe ? [fixed(row.idealOkPerSecond, 0)] : []),
      withRange(row.okPerSecond, 0),
      withRange(row.cpuMsPerRequest, 3),
      withRange(row.p99Ms, 0),
      fixed(row.peakRssMb, 0),
      String(row.failedRequests),
      String(row.peakStripeSockets),
      String(row.peakStripeTimeWait),
      String(row.peakDatabaseBackends),
    ]),
  );
}

/** The hot queries' plans on each database, with the tables' sizes. @param {import('../session.js').Platform[]} platforms */
export function hotQueryReport(platforms) {
  return platforms
    .map(({ creators, seedSeconds, hotQueries }) =>
      [
        `${creators.toLocaleString('en')} creators, seeded in ${fixed(seedSeconds, 1)} s: ${hotQueries.relations
          .map(
            ({ table, rows, sizeMb, indexesMb }) =>
              `${table} ${rows.toLocaleString('en')} rows, ${sizeMb} MB + ${indexesMb} MB of indexes`,
          )
          .join('; ')}`,
        ...hotQueries.queries.flatMap(({ name, sql, warm }) => [
          '',
          `${name}:`,
          '',
          '```',
          sql,
          '',
          ...warm,
          '```',
        ]),
      ].join('\n'),
    )
    .join('\n\n');
}

/**
 * @param {string} heading @param {string} unit
 * @param {[name: string, amount: string, percent: number][]} rows
 */
function byPackageTable(heading, unit, rows) {
  return formatTable(
    [heading, unit, '%'],
    rows.map(([name, amount, percent]) => [name, amount, fixed(percent, 1)]),
  );
}

/**
 * @param {string} target
 * @param {ReturnType<typeof import('../profile/summarise-profile.js').summariseProfile>} summary
 * @param {ReturnType<typeof import('../profile/summarise-profile.js').summariseHeapProfile>} allocation
 */
export function profileTables(target, summary, allocation) {
  return [
    `${target}: ${summary.busyMs} ms on CPU while profiled`,
    byPackageTable(
      'package (with the native and Node work it calls)',
      'ms',
      summary.byCallingPackage.map((entry) => [entry.package, fixed(entry.selfMs, 0), entry.selfPercent]),
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
    `${target}: ${fixed(allocation.kbPerAnswer, 1)} KB allocated per answer (${fixed(allocation.allocatedMb, 0)} MB over ${allocation.answers} answers, garbage included)`,
    byPackageTable(
      'package allocating (with the native and Node work it calls)',
      'KB per answer',
      allocation.byCallingPackage.map((entry) => [entry.package, fixed(entry.kbPerAnswer, 1), entry.percent]),
    ),
  ].join('\n\n');
}
