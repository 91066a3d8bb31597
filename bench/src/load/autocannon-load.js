/** One bounded autocannon run against the dashboard-link route, each request with the next token. */
import autocannon from 'autocannon';

export const DASHBOARD_LINK_PATH = '/api/v1/creators/stripe-connect/dashboard-link';

/**
 * @typedef {object} LoadResult
 * @property {number} connections
 * @property {number} responses
 * @property {number} ok 2xx answers
 * @property {number} non2xx
 * @property {number} serverErrors 5xx answers
 * @property {number} errors connection errors and timeouts (requests with no answer)
 * @property {number} timeouts
 * @property {Record<string, number>} statusCodes
 * @property {number} durationSeconds
 * @property {number} requestsPerSecond answers per second
 * @property {number} okPerSecond 2xx answers per second
 * @property {{ mean: number, p50: number, p90: number, p99: number, max: number }} latencyMs
 * @property {boolean} stoppedByTimeCap
 */

/**
 * @param {{
 *   url: string,
 *   connections: number,
 *   requests: number,
 *   timeCapMs: number,
 *   tokens: import('../setup/tokens.js').TokenRotation,
 * }} options
 * @returns {Promise<LoadResult>}
 */
export function runLoad({ url, connections, requests, timeCapMs, tokens }) {
  let stoppedByTimeCap = false;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url + DASHBOARD_LINK_PATH,
        method: 'POST',
        connections,
        amount: requests,
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
      (error, result) => {
        clearTimeout(timeCap);
        if (error) reject(error);
        else resolve(summarise(result, connections, stoppedByTimeCap));
      },
    );
    const timeCap = setTimeout(() => {
      stoppedByTimeCap = true;
      instance.stop();
    }, timeCapMs);
  });
}

/**
 * @param {Record<string, any>} result autocannon's result
 * @param {number} connections
 * @param {boolean} stoppedByTimeCap
 * @returns {LoadResult}
 */
function summarise(result, connections, stoppedByTimeCap) {
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    connections,
    responses,
    ok: result['2xx'],
    non2xx: result.non2xx,
    serverErrors: result['5xx'],
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]),
    ),
    durationSeconds: result.duration,
    requestsPerSecond: responses / result.duration,
    okPerSecond: result['2xx'] / result.duration,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    stoppedByTimeCap,
  };
}
