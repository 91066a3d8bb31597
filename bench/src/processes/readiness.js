/** Ports for children and waiting until they answer HTTP. */
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail } from './children.js';

/** A loopback port nothing listens on right now. @returns {Promise<number>} */
export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** The status of one GET on a fresh connection, or null when nothing answers. @param {string} url */
function statusOf(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(null));
  });
}

/**
 * Polls `url` until `accept(status)`; fails as soon as the child exits, or after `timeoutMs`.
 * @param {string} url
 * @param {import('./children.js').ChildHandle} handle
 * @param {{ accept?: (status: number) => boolean, timeoutMs?: number, intervalMs?: number }} [options]
 */
export async function waitUntilAnswering(
  url,
  handle,
  { accept = (status) => status === 200, timeoutMs = 30_000, intervalMs = 10 } = {},
) {
  let exit = null;
  handle.exited.then((result) => {
    exit = result;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await statusOf(url);
    if (status !== null && accept(status)) return;
    if (exit) {
      throw new Error(
        `${handle.name} exited (${exit.signal ?? exit.code}) before ready:\n${logTail(handle)}`,
      );
    }
    await sleep(intervalMs);
  }
  throw new Error(`${handle.name} was not ready at ${url} within ${timeoutMs} ms:\n${logTail(handle)}`);
}
