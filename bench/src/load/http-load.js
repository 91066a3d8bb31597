/**
 * A closed-loop load on the dashboard-link route: `connections` keep-alive connections, each sending its next
 * request (with the next token) as soon as its answer arrives, so `connections` requests are in flight.
 *
 * Connections are opened first, a batch at a time, each answered once before the loop starts, as a load
 * balancer's pool of connections is open before traffic peaks. A saturated Node server accepts about one new
 * connection per event-loop turn (hundreds of milliseconds under load): connections opened into a loaded server
 * wait seconds in the kernel's accept queue, which would measure the ramp rather than the server.
 *
 * Warm-up lasts `warmupRequests` answers after that; the next `requests` answers are the measured window.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export const DASHBOARD_LINK_PATH = '/api/v1/creators/stripe-connect/dashboard-link';
/** Connections opened and answered together before the loop: well within the server's accept queue (511). */
const CONNECTIONS_PER_BATCH = 100;
const REQUEST_TIMEOUT_MS = 10_000;
const HEADER_END = Buffer.from('\r\n\r\n');

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

  /** @param {RequestFailure} failure */
  recordFailure(failure) {
    this.errors += 1;
    if (failure.timedOut) this.timeouts += 1;
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

/** A request that got no answer: the connection failed, closed or timed out. */
class RequestFailure extends Error {
  /** @param {string} message @param {boolean} timedOut */
  constructor(message, timedOut) {
    super(message);
    this.timedOut = timedOut;
  }
}

/**
 * One keep-alive HTTP/1.1 connection sending one request at a time; reconnects after a failure or a
 * `Connection: close`. Parses only what the route answers: a status, then a Content-Length or chunked body.
 */
class Connection {
  /** @type {net.Socket | undefined} */
  #socket;
  /** @type {Buffer} */
  #received = Buffer.alloc(0);
  /** @type {{ resolve: (status: number) => void, reject: (error: RequestFailure) => void } | undefined} */
  #pending;
  #port;

  /** @param {number} port */
  constructor(port) {
    this.#port = port;
  }

  /** @param {Buffer} request @returns {Promise<number>} the answer's status */
  send(request) {
    return new Promise((resolve, reject) => {
      const socket = this.#socket ?? this.#connect();
      const timer = setTimeout(
        () => this.#fail(new RequestFailure('request timed out', true)),
        REQUEST_TIMEOUT_MS,
      );
      this.#pending = {
        resolve: (status) => {
          clearTimeout(timer);
          resolve(status);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      socket.write(request);
    });
  }

  /** Ends the connection; a request still waiting on it fails. */
  close() {
    this.#fail(new RequestFailure('connection closed by the load', false));
  }

  #connect() {
    const socket = net.connect({ host: '127.0.0.1', port: this.#port, noDelay: true });
    // A socket closed after its answer still reports its end: it must not touch its successor's request.
    const current = () => socket === this.#socket;
    socket.on('data', (chunk) => current() && this.#onData(chunk));
    socket.on('error', (error) => current() && this.#fail(new RequestFailure(error.message, false)));
    socket.on('close', () => current() && this.#fail(new RequestFailure('connection closed', false)));
    this.#socket = socket;
    this.#received = Buffer.alloc(0);
    return socket;
  }

  /** @param {RequestFailure} failure */
  #fail(failure) {
    this.#socket?.destroy();
    this.#socket = undefined;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(failure);
  }

  /** @param {Buffer} chunk */
  #onData(chunk) {
    this.#received = this.#received.length === 0 ? chunk : Buffer.concat([this.#received, chunk]);
    const headerEnd = this.#received.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.#received.toString('latin1', 0, headerEnd);
    const bodyStart = headerEnd + HEADER_END.length;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let end;
    if (length) {
      end = bodyStart + Number(length[1]);
      if (this.#received.length < end) return;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const last = this.#received.indexOf('\r\n0\r\n\r\n', bodyStart - 2);
      if (last < 0) return;
      end = last + 7;
    } else {
      return this.#fail(new RequestFailure(`an answer without a length: ${head.slice(0, 200)}`, false));
    }
    this.#received = this.#received.subarray(end);
    const status = Number(head.slice(9, 12));
    const pending = this.#pending;
    this.#pending = undefined;
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    pending?.resolve(status);
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
 * }} options `maxRequests` bounds everything sent, opening and warm-up included; `onWindowOpen`/`onWindowClose`
 *   run synchronously as the measured window opens and closes
 * @returns {Promise<LoadResult>}
 */
export async function runLoad({
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
  const { host, port } = new URL(url);
  const requestHead = `POST ${DASHBOARD_LINK_PATH} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nAuthorization: Bearer `;
  const nextRequest = () => Buffer.from(`${requestHead}${tokens.next()}\r\n\r\n`, 'latin1');
  const window = new MeasuredWindow();
  const pool = Array.from({ length: connections }, () => new Connection(Number(port)));
  let sent = 0;
  let warmupAnswers = 0;
  let measured = 0;
  let stoppedByTimeCap = false;
  let state = /** @type {'opening' | 'warming' | 'measuring' | 'closed'} */ ('opening');

  const open = () => {
    state = 'measuring';
    onWindowOpen();
    window.openedAt = performance.now();
  };
  const close = () => {
    state = 'closed';
    window.closedAt = performance.now();
    onWindowClose();
    // Requests still in flight are abandoned, as a load balancer's would be when the traffic stops.
    for (const connection of pool) connection.close();
  };
  /** @param {number | RequestFailure} outcome @param {number} latencyMs */
  const count = (outcome, latencyMs) => {
    if (state === 'warming') {
      warmupAnswers += 1;
      if (warmupAnswers >= warmupRequests) open();
    } else if (state === 'measuring') {
      if (typeof outcome === 'number') window.recordAnswer(outcome, latencyMs);
      else window.recordFailure(outcome);
      measured += 1;
      if (measured === requests) close();
    }
  };
  /** One request on a connection; failures are counted, not thrown. @param {Connection} connection */
  const exchange = async (connection) => {
    sent += 1;
    const startedAt = performance.now();
    const outcome = await connection
      .send(nextRequest())
      .catch((/** @type {RequestFailure} */ error) => error);
    count(outcome, performance.now() - startedAt);
    return outcome;
  };
  const timeCap = setTimeout(() => {
    stoppedByTimeCap = true;
    if (state === 'opening' || state === 'warming') open();
    if (state === 'measuring') close();
  }, timeCapMs);

  try {
    for (let first = 0; first < connections && state === 'opening'; first += CONNECTIONS_PER_BATCH) {
      const batch = pool.slice(first, first + CONNECTIONS_PER_BATCH);
      const outcomes = await Promise.all(batch.map(exchange));
      const failure = outcomes.find((outcome) => typeof outcome !== 'number');
      if (failure) throw new Error(`opening the load's connections failed: ${failure.message}`);
    }
    if (state === 'opening') {
      state = 'warming';
      if (warmupRequests === 0) open();
    }
    await Promise.all(
      pool.map(async (connection) => {
        while (state !== 'closed' && sent < maxRequests) await exchange(connection);
      }),
    );
    // Stopped by maxRequests before the window opened or filled: the window is what it got.
    if (state === 'warming') open();
    if (state === 'measuring') close();
    return window.result(connections, stoppedByTimeCap);
  } finally {
    clearTimeout(timeCap);
    for (const connection of pool) connection.close();
  }
}
