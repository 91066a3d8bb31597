import { connect } from 'node:net';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';

const REQUEST_TIMEOUT_MS = 2_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;
/**
 * Cut within the timeout plus Node's check interval (1 s); the rest is room for a loaded machine. Without request
 * timeouts such a connection stays open for good, far past this bound.
 */
const CLOSED_WITHIN_MS = REQUEST_TIMEOUT_MS + 8_000;
/** Well under the timeout: a client sending one byte this often is never idle, only slow. */
const TRICKLE_EVERY_MS = 400;
const LOGIN = '/api/v1/auth/login';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A client that opens a connection, writes `head`, then keeps writing `drip()` every TRICKLE_EVERY_MS until the server
 * closes the connection (or, when `drip` is absent, sends nothing more). Resolves with everything the server sent
 * once it closed the connection; rejects past CLOSED_WITHIN_MS.
 */
function slowClient(api: ApiProcess, head: string, drip?: () => string): Promise<string> {
  const socket = connect(api.port, '127.0.0.1', () => socket.write(head));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => undefined);
  const trickle = drip && setInterval(() => socket.writable && socket.write(drip()), TRICKLE_EVERY_MS);
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(trickle);
      socket.destroy();
      reject(new Error(`still open after ${CLOSED_WITHIN_MS} ms; received: ${JSON.stringify(received)}`));
    }, CLOSED_WITHIN_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      clearInterval(trickle);
      resolve(received);
    });
  });
}

const post = (framing: string) =>
  `POST ${LOGIN} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${framing}\r\n`;

/** A 408 in the envelope, with the headers every answer carries. */
function expect408(received: string) {
  const [head = '', body = ''] = received.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 408 /);
  expect(head).toMatch(/\r\nx-correlation-id: [0-9a-f-]{36}\r\n/i);
  expect(head).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
  const envelope = JSON.parse(body) as { success: boolean; error: { code: string; correlationId: string } };
  expect(envelope).toMatchObject({ success: false, error: { code: 'REQUEST_TIMEOUT' } });
  expect(envelope.error.correlationId).toMatch(UUID);
}

/** Clients too slow to send their request, on the built server (`node dist/server.mjs`). */
describe('slow clients', () => {
  const processes: ApiProcess[] = [];

  async function start() {
    const api = await startApiProcess({
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    processes.push(api);
    return api;
  }

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop('SIGKILL')));
  });

  it.each([
    { name: 'a body declared 1000 bytes, 4 sent', head: `${post('Content-Length: 1000\r\n')}{"em` },
    { name: 'a body trickled one byte at a time', head: post('Content-Length: 1000\r\n'), drip: () => ' ' },
    {
      name: 'a chunked body that never ends',
      head: post('Transfer-Encoding: chunked\r\n'),
      drip: () => '1\r\n \r\n',
    },
  ])('$name: 408 in the envelope, and the connection closes', async ({ head, drip }) => {
    const api = await start();
    expect408(await slowClient(api, head, drip));
    // The request was known: its access line says how it ended.
    await api.waitForLog((line) => line.msg === 'request completed' && line.status === 408);
  });

  it('headers that never end: 408 in the envelope, and the connection closes', async () => {
    const api = await start();
    let header = 0;
    const head = 'GET /health/live HTTP/1.1\r\nHost: localhost\r\n';
    expect408(await slowClient(api, head, () => `X-Slow-${header++}: 1\r\n`));
  });

  it('a connection that never sends anything is closed', async () => {
    const api = await start();
    await slowClient(api, '');
  });

  it('one slow client open at SIGTERM: the process still exits 0, within its deadline', async () => {
    const api = await start();
    const client = slowClient(api, post('Content-Length: 1000\r\n'), () => ' ');
    // The request is under way (its headers arrived) when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exit = await api.stop('SIGTERM');
    expect(exit, api.output()).toMatchObject({ code: 0, signal: null });
    expect(api.logs().some((line) => /did not finish within/.test(line.msg ?? ''))).toBe(false);
    expect408(await client);
  });
});
