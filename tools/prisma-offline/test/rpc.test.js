import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { METHOD_NOT_FOUND, PARSE_ERROR, RpcError, serveJsonRpc } from '../src/rpc.js';
import { createSchemaEngineHandler } from '../src/schema-engine.js';

/**
 * Starts a server on in-memory streams and returns a client side that writes lines and reads parsed messages.
 * @param {import('../src/rpc.js').RpcHandler} handle
 */
function connect(handle) {
  const input = new PassThrough();
  const output = new PassThrough();
  const exitCode = serveJsonRpc({ input, output, handle });
  /** @type {string[]} */
  const rawLines = [];
  /** @type {unknown[]} */
  const received = [];
  let buffered = '';
  output.setEncoding('utf8');
  output.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      rawLines.push(line);
      received.push(JSON.parse(line));
    }
    output.emit('messages');
  });
  return {
    exitCode,
    rawLines,
    /** @param {unknown} message */
    send(message) {
      input.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    },
    end() {
      input.end();
    },
    /** @param {number} count */
    async receive(count) {
      while (received.length < count) await once(output, 'messages');
      return received.slice(0, count);
    },
  };
}

describe('JSON-RPC framing', () => {
  test('answers each request on one line, with its id, in the order received', async () => {
    const client = connect(async (method, params) => {
      // The first request finishes last if requests were handled concurrently.
      if (method === 'slow') await new Promise((resolve) => setTimeout(resolve, 30));
      return { method, params };
    });
    client.send({ jsonrpc: '2.0', id: 1, method: 'slow', params: { a: 1 } });
    client.send({ jsonrpc: '2.0', id: 2, method: 'fast' });
    assert.deepEqual(await client.receive(2), [
      { jsonrpc: '2.0', id: 1, result: { method: 'slow', params: { a: 1 } } },
      { jsonrpc: '2.0', id: 2, result: { method: 'fast' } },
    ]);
    assert.ok(client.rawLines.every((line) => !line.includes('\n')));
    client.end();
    assert.equal(await client.exitCode, 0);
  });

  test('turns a void result into null, as JSON-RPC requires a result member', async () => {
    const client = connect(async () => undefined);
    client.send({ jsonrpc: '2.0', id: 'a', method: 'reset' });
    assert.deepEqual(await client.receive(1), [{ jsonrpc: '2.0', id: 'a', result: null }]);
    client.end();
  });

  test('reports RpcErrors with their code and data, other errors as internal errors', async () => {
    const client = connect(async (method) => {
      if (method === 'known') throw new RpcError(4466, 'An error happened.', { error_code: 'P3009' });
      throw new Error('boom');
    });
    client.send({ jsonrpc: '2.0', id: 1, method: 'known' });
    client.send({ jsonrpc: '2.0', id: 2, method: 'other' });
    assert.deepEqual(await client.receive(2), [
      {
        jsonrpc: '2.0',
        id: 1,
        error: { code: 4466, message: 'An error happened.', data: { error_code: 'P3009' } },
      },
      { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'boom' } },
    ]);
    client.end();
  });

  test('answers a line that is not JSON with a parse error and keeps serving', async () => {
    const client = connect(async () => 'ok');
    client.send('{not json');
    client.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    assert.deepEqual(await client.receive(2), [
      { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'Parse error' } },
      { jsonrpc: '2.0', id: 3, result: 'ok' },
    ]);
    client.end();
  });

  test('does not answer notifications', async () => {
    /** @type {string[]} */
    const handled = [];
    const client = connect(async (method) => {
      handled.push(method);
      return 'ok';
    });
    client.send({ jsonrpc: '2.0', method: 'notify' });
    client.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.deepEqual(await client.receive(1), [{ jsonrpc: '2.0', id: 1, result: 'ok' }]);
    assert.deepEqual(handled, ['notify', 'ping']);
    client.end();
  });

  test('lets a handler call the client and wait for its answer (the native engine prints this way)', async () => {
    const client = connect(async (_method, _params, peer) => {
      const printed = await peer.call('print', { content: 'No difference detected.' });
      return { exitCode: 0, printed };
    });
    client.send({ jsonrpc: '2.0', id: 7, method: 'diff' });
    const [call] = /** @type {{ id: number, method: string, params: unknown }[]} */ (await client.receive(1));
    assert.equal(call.method, 'print');
    assert.deepEqual(call.params, { content: 'No difference detected.' });
    client.send({ jsonrpc: '2.0', id: call.id, result: {} });
    const [, response] = await client.receive(2);
    assert.deepEqual(response, { jsonrpc: '2.0', id: 7, result: { exitCode: 0, printed: {} } });
    client.end();
  });

  test('finishes the pending requests when the input ends, then exits with 0', async () => {
    const client = connect(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'done';
    });
    client.send({ jsonrpc: '2.0', id: 1, method: 'applyMigrations' });
    client.end();
    assert.equal(await client.exitCode, 0);
    assert.deepEqual(await client.receive(1), [{ jsonrpc: '2.0', id: 1, result: 'done' }]);
  });

  test('stops after answering an error that carries an exit code, skipping queued requests', async () => {
    /** @type {string[]} */
    const handled = [];
    const client = connect(async (method) => {
      handled.push(method);
      throw new RpcError(4466, 'panic', { is_panic: true }, { exitCode: 101 });
    });
    client.send({ jsonrpc: '2.0', id: 1, method: 'debugPanic' });
    client.send({ jsonrpc: '2.0', id: 2, method: 'applyMigrations' });
    assert.equal(await client.exitCode, 101);
    assert.deepEqual(await client.receive(1), [
      { jsonrpc: '2.0', id: 1, error: { code: 4466, message: 'panic', data: { is_panic: true } } },
    ]);
    assert.deepEqual(handled, ['debugPanic']);
  });
});

describe('schema engine dispatch', () => {
  test('answers methods the engine does not have with "method not found", without starting it', async () => {
    const handle = createSchemaEngineHandler({
      datamodels: undefined,
      // Nothing listens there: starting the engine would fail with P1001 instead.
      datasource: { url: 'postgresql://postgres@127.0.0.1:1/none' },
      log: () => {},
    });
    const client = connect(handle);
    client.send({ jsonrpc: '2.0', id: 1, method: 'getDatabaseDescription', params: {} });
    const [response] = /** @type {{ error: { code: number } }[]} */ (await client.receive(1));
    assert.equal(response.error.code, METHOD_NOT_FOUND);
    client.end();
  });

  test('reports a missing datasource URL as an engine error the CLI can print', async () => {
    const handle = createSchemaEngineHandler({ datamodels: undefined, datasource: {}, log: () => {} });
    const client = connect(handle);
    client.send({ jsonrpc: '2.0', id: 1, method: 'applyMigrations', params: {} });
    const [response] = /** @type {{ error: { code: number, data: { message: string } } }[]} */ (
      await client.receive(1)
    );
    assert.equal(response.error.code, 4466);
    assert.match(response.error.data.message, /datasource URL is empty/);
    client.end();
  });
});
