import readline from 'node:readline';

/** Error codes from the JSON-RPC 2.0 specification. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;

/** An error to send back as a JSON-RPC error object. */
export class RpcError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {unknown} [data]
   * @param {{ exitCode?: number }} [options] set when the process must stop once the response is sent
   */
  constructor(code, message, data, { exitCode } = {}) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.data = data;
    this.exitCode = exitCode;
  }
}

/**
 * The other end of the connection: the engine may call methods on it (the native engine calls `print`).
 * @typedef {{ call(method: string, params: unknown): Promise<unknown> }} RpcPeer
 */

/**
 * @callback RpcHandler
 * @param {string} method
 * @param {unknown} params
 * @param {RpcPeer} peer
 * @returns {Promise<unknown>}
 */

/**
 * Serves JSON-RPC 2.0 with one JSON message per line, the framing Prisma's CLI uses with the native schema engine.
 * Requests are handled one at a time, in order: the engine methods need exclusive access to the engine. Responses to
 * our own calls are matched right away, since a running request may be waiting for one.
 *
 * @param {{ input: NodeJS.ReadableStream, output: NodeJS.WritableStream, handle: RpcHandler }} options
 * @returns {Promise<number>} the exit code: 0 once the input ends, or the `exitCode` of an `RpcError` that asked to stop
 */
export function serveJsonRpc({ input, output, handle }) {
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>} */
  const pendingCalls = new Map();
  let nextCallId = 1;
  let queue = Promise.resolve();

  /** @param {object} message */
  const send = (message) => {
    output.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  };

  /** @type {RpcPeer} */
  const peer = {
    call(method, params) {
      const id = nextCallId++;
      return new Promise((resolve, reject) => {
        pendingCalls.set(id, { resolve, reject });
        send({ id, method, params });
      });
    },
  };

  return new Promise((resolve) => {
    const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let stopped = false;

    const abandonCalls = () => {
      for (const call of pendingCalls.values()) call.reject(new Error('The JSON-RPC connection was closed'));
      pendingCalls.clear();
    };

    /** @param {number} exitCode */
    const stop = (exitCode) => {
      if (stopped) return;
      stopped = true;
      lines.close();
      abandonCalls();
      resolve(exitCode);
    };

    /** @param {{ id?: unknown, method: string, params?: unknown }} request */
    const answer = async (request) => {
      if (stopped) return;
      const isNotification = request.id === undefined;
      try {
        const result = await handle(request.method, request.params, peer);
        if (!isNotification) send({ id: request.id, result: result ?? null });
      } catch (error) {
        const rpcError =
          error instanceof RpcError
            ? error
            : new RpcError(-32603, error instanceof Error ? error.message : String(error));
        if (!isNotification) send({ id: request.id, error: toErrorObject(rpcError) });
        if (rpcError.exitCode !== undefined) stop(rpcError.exitCode);
      }
    };

    lines.on('line', (line) => {
      if (line.trim() === '') return;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        send({ id: null, error: { code: PARSE_ERROR, message: 'Parse error' } });
        return;
      }
      if (typeof message?.method === 'string') {
        queue = queue.then(() => answer(message));
      } else if (pendingCalls.has(message?.id)) {
        settleCall(pendingCalls, message);
      } else {
        send({ id: message?.id ?? null, error: { code: INVALID_REQUEST, message: 'Invalid request' } });
      }
    });

    // The CLI closes our stdin when it is done with the engine: finish what was asked, then report success.
    // No answer to our own calls can arrive any more, so requests waiting for one must not wait forever.
    lines.on('close', () => {
      abandonCalls();
      queue.then(() => stop(0));
    });
  });
}

/**
 * @param {Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>} pendingCalls
 * @param {{ id: number, result?: unknown, error?: { message?: string } }} response
 */
function settleCall(pendingCalls, response) {
  const call = pendingCalls.get(response.id);
  pendingCalls.delete(response.id);
  if (response.error) call?.reject(new Error(response.error.message ?? 'JSON-RPC call failed'));
  else call?.resolve(response.result);
}

/** @param {RpcError} error */
function toErrorObject(error) {
  return error.data === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, data: error.data };
}
