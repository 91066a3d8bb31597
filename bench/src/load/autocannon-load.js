/**
 * One autocannon run against the dashboard-link route, each request with the next token. Warm-up comes
 * first, on the same connections: it lasts `warmupRequests` answers and until every connection has been
 * answered once (with many connections opened at once, a few first answers come seconds late). The next
 * `requests` answers are the measured window, timed here from autocannon's per-response events, so neither
 * the connections' ramp-up nor the ramp-down at the end is in the figures.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export const DASHBOARD_LINK_PATH = '/api/v1/creators/stripe-connect/dashboard-link';

/**
 * @typedef {object} LoadResult
 * @property {number} connections
 * @property {number} responses
 * @property {number} ok 2xx answers
 * @property {number} non2xx
 * @property {number} serverErrors 5xx answers
 * @property {number} errors requests with no answer (connection errors, timeouts)
 * @property {number} timeouts
 * @property {Record<string, number>} statusCodes
 * @property {number} durationSeconds of the measured window
 * @property {number} requestsPerSecond answers per second
 * @property {number} okPerSecond 2xx answers per second
 * @property {{ mean: number, p50: number, p90: number, p99: number, max: number }} latencyMs of every answer
 * @property {boolean} stoppedByTimeCap
 */

/** @param {number[]} sorted @param {number} fraction */
function percentile(sorted, fraction) {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.ceil(fraction * sorted.length) - 1] ?? Number.NaN);
}

/** Counts what happens in the measured window. */
class MeasuredWindow {
  /** @type {number[]} */
  latencies = [];
  /** @type {Record<string, number>} */
  statusCodes = {};
  errors = 0;
  timeouts = 0;
  openedAt = 0;
  closedAt = 0;

  /** @param {number} status @param {number} latencyMs */
  recordAnswer(status, latencyMs) {
    this.latencies.push(latencyMs);
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
  }

  /** @param {Error} error */
  recordError(error) {
    this.errors += 1;
    if (error.message === 'request timed out') this.timeouts += 1;
  }

  /** @param {number} connections @param {boolean} stoppedByTimeCap @returns {LoadResult} */
  result(connections, stoppedByTimeCap) {
    const count = (/** @type {(status: number) => boolean} */ matches) =>
      Object.entries(this.statusCodes).reduce(
        (sum, [status, n]) => sum + (matches(Number(status)) ? n : 0),
        0,
      );
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const durationSeconds = (this.closedAt - this.openedAt) / 1_000;
    const ok = count((status) => status >= 200 && status < 300);
    return {
      connections,
      responses: sorted.length,
      ok,
      non2xx: sorted.length - ok,
      serverErrors: count((status) => status >= 500),
      errors: this.errors,
      timeouts: this.timeouts,
      statusCodes: this.statusCodes,
      durationSeconds,
      requestsPerSecond: sorted.length / durationSeconds,
      okPerSecond: ok / durationSeconds,
      latencyMs: {
        mean: sorted.reduce((sum, latency) => sum + latency, 0) / sorted.length,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: sorted.at(-1) ?? Number.NaN,
      },
      stoppedByTimeCap,
    };
  }
}

/**
 * @param {{
 *   url: string,
 *   connections: number,
 *   warmupRequests: number,
 *   requests: number,
 *   maxRequests: number,
 *   timeCapMs: number,
 *   tokens: import('../setup/tokens.js').TokenRotation,
 *   onWindowOpen: () => void,
 *   onWindowClose: () => void,
 * }} options `maxRequests` bounds everything sent, warm-up included; `onWindowOpen`/`onWindowClose` run
 *   synchronously as the measured window opens and closes
 * @returns {Promise<LoadResult>}
 */
export function runLoad({
  url,
  connections,
  warmupRequests,
  requests,
  maxRequests,
  timeCapMs,
  tokens,
  onWindowOpen,
  onWindowClose,
}) {
  const window = new MeasuredWindow();
  /** @type {Set<object>} autocannon's clients (one per connection) that have had an answer */
  const answeredConnections = new Set();
  let completed = 0;
  let measured = 0;
  let stoppedByTimeCap = false;
  let state = /** @type {'warming' | 'measuring' | 'closed'} */ (
    warmupRequests > 0 ? 'warming' : 'measuring'
  );
  let stopLoad = () => {};

  const open = () => {
    state = 'measuring';
    onWindowOpen();
    window.openedAt = performance.now();
  };
  const close = () => {
    state = 'closed';
    window.closedAt = performance.now();
    onWindowClose();
  };
  const countCompletion = () => {
    completed += 1;
    if (state === 'warming') {
      if (completed >= warmupRequests && answeredConnections.size === connections) open();
    } else if (state === 'measuring') {
      measured += 1;
      if (measured === requests) {
        close();
        stopLoad();
      }
    }
  };

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url + DASHBOARD_LINK_PATH,
        method: 'POST',
        connections,
        amount: maxRequests,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, authorization: `Bearer ${tokens.next()}` },
            }),
          },
        ],
      },
      (error) => {
        clearTimeout(timeCap);
        // Stopped (time cap, maxRequests) before the window opened or filled: the window is what it got.
        if (state === 'warming') open();
        if (state !== 'closed') close();
        if (error) reject(error);
        else resolve(window.result(connections, stoppedByTimeCap));
      },
    );
    stopLoad = () => instance.stop();
    instance.on('response', (client, status, _bytes, latencyMs) => {
      answeredConnections.add(client);
      if (state === 'measuring') window.recordAnswer(status, latencyMs);
      countCompletion();
    });
    instance.on('reqError', (error) => {
      if (state === 'measuring') window.recordError(error);
      countCompletion();
    });
    if (state === 'measuring') open();
    const timeCap = setTimeout(() => {
      stoppedByTimeCap = true;
      stopLoad();
    }, timeCapMs);
  });
}
