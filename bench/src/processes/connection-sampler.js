/**
 * What a load holds open, sampled while it runs: the server's file descriptors, its sockets to Stripe (and those
 * closed lately, still in TIME_WAIT: connection churn), and the database's backends for it (its pool in use).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { clientBackendsOf } from './process-groups.js';

const SAMPLE_INTERVAL_MS = 500;
const TCP_ESTABLISHED = '01';
const TCP_TIME_WAIT = '06';

/** @param {number} pid */
function openFiles(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/**
 * Loopback TCP sockets with `port` at either end, by state: /proc/net/tcp lists both ends of each connection.
 * @param {number} port
 */
function socketsOnPort(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let established = 0;
  let timeWait = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, remote, state] = line.trim().split(/\s+/);
      if (!remote) continue;
      // Counted from the client's end (remote port = the emulator's), so each connection counts once.
      if (state === TCP_ESTABLISHED && remote.endsWith(`:${hexPort}`)) established += 1;
      if (state === TCP_TIME_WAIT && (remote.endsWith(`:${hexPort}`) || local?.endsWith(`:${hexPort}`)))
        timeWait += 1;
    }
  }
  return { established, timeWait };
}

/**
 * @typedef {object} ConnectionPeaks
 * @property {number} serverOpenFiles file descriptors of the server: its clients' sockets, Stripe's, the pool's
 * @property {number} stripeSockets connections from the server to the Stripe emulator
 * @property {number} stripeTimeWait connections to the emulator closed within the last minute (TIME_WAIT)
 * @property {number} databaseBackends PostgreSQL backends connected to the run's database
 */

export class ConnectionSampler {
  #serverPid;
  #stripePort;
  #database;
  /** @type {ConnectionPeaks} */
  #peaks = { serverOpenFiles: 0, stripeSockets: 0, stripeTimeWait: 0, databaseBackends: 0 };
  /** @type {NodeJS.Timeout | undefined} */
  #timer;

  /** @param {{ serverPid: number, stripePort: number, database: string }} watched */
  constructor({ serverPid, stripePort, database }) {
    this.#serverPid = serverPid;
    this.#stripePort = stripePort;
    this.#database = database;
  }

  start() {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_INTERVAL_MS);
  }

  /** @returns {ConnectionPeaks} */
  stop() {
    clearInterval(this.#timer);
    this.#sample();
    return { ...this.#peaks };
  }

  #sample() {
    const sockets = socketsOnPort(this.#stripePort);
    const now = {
      serverOpenFiles: openFiles(this.#serverPid),
      stripeSockets: sockets.established,
      stripeTimeWait: sockets.timeWait,
      databaseBackends: clientBackendsOf(this.#database).length,
    };
    for (const key of /** @type {(keyof ConnectionPeaks)[]} */ (Object.keys(now))) {
      this.#peaks[key] = Math.max(this.#peaks[key], now[key]);
    }
  }
}
