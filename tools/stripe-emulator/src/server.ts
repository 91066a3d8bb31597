/**
 * The HTTP front: gives every response a request id, dispatches to the control routes, the hosted
 * pages or the Stripe API, and keeps the request log of API calls.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiCall, answerApiCall, readApiParams, singleHeader } from './api-pipeline.js';
import { enforceDeadlines } from './connect-changes.js';
import {
  CONTROL_PATH_PREFIX,
  type ControlContext,
  ControlRequestError,
  type ControlResponse,
  controlErrorFor,
  controlRoutes,
} from './control.js';
import { StripeApiError, stripeErrors } from './errors.js';
import type { PageResponse } from './hosted-page.js';
import { newId } from './ids.js';
import { stripeJson } from './json.js';
import { pageRoutes } from './pages.js';
import { matchRoute } from './routing.js';
import type { EmulatorState } from './state.js';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(body);
}

function sendPage(response: ServerResponse, page: PageResponse) {
  if ('location' in page) {
    response.writeHead(page.status, { Location: page.location, 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  response.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(page.html);
}

async function handleApiCall(
  state: EmulatorState,
  call: ApiCall,
  response: ServerResponse,
  closing: AbortSignal,
  connection: number,
): Promise<void> {
  const record = state.requestLog.record({
    requestId: call.requestId,
    method: call.method,
    path: call.url.pathname,
    idempotencyKey: call.idempotencyKey,
    params: call.params instanceof StripeApiError ? null : call.params,
    status: null,
    idempotentReplayed: false,
    fault: null,
    latencyMs: 0,
    receivedAt: state.clock(),
    connection,
  });
  const wait = async (ms: number) => {
    if (ms > 0) await sleep(ms, undefined, { signal: closing });
  };
  let answer: Awaited<ReturnType<typeof answerApiCall>>;
  try {
    answer = await answerApiCall(state, call, record, wait);
  } catch (error) {
    if (!closing.aborted) throw error;
    answer = { kind: 'drop' };
  }
  if (answer.kind === 'drop') {
    response.socket?.destroy();
    return;
  }
  sendJson(response, answer.status, answer.body, answer.headers);
}

async function handleControlCall(
  context: ControlContext,
  method: string,
  path: string,
  body: string,
): Promise<ControlResponse> {
  const match = matchRoute(controlRoutes, method, path);
  if (!match) return { status: 404, body: { error: { message: `No control route ${method} ${path}.` } } };
  try {
    const json: unknown = body === '' ? undefined : JSON.parse(body);
    enforceDeadlines(context.state);
    return await match.route.handle(context, json, match.pathParams);
  } catch (error) {
    const rejection =
      error instanceof SyntaxError ? new ControlRequestError(error.message) : controlErrorFor(error);
    if (!rejection) throw error;
    return { status: rejection.status, body: { error: { message: rejection.message } } };
  }
}

async function handle(
  context: ControlContext,
  request: IncomingMessage,
  response: ServerResponse,
  closing: AbortSignal,
  connection: number,
): Promise<void> {
  const { state } = context;
  const requestId = newId.request();
  response.setHeader('Request-Id', requestId);
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://stripe-emulator.invalid');
  const body = await readBody(request);

  if (url.pathname.startsWith(CONTROL_PATH_PREFIX)) {
    const { status, body: responseBody } = await handleControlCall(context, method, url.pathname, body);
    sendJson(response, status, responseBody === undefined ? undefined : stripeJson(responseBody));
    return;
  }
  const page = matchRoute(pageRoutes, method, url.pathname);
  if (page) {
    sendPage(
      response,
      await page.route.respond(state, { pathParams: page.pathParams, path: url.pathname, body }),
    );
    return;
  }
  const idempotencyKey = singleHeader(request.headers, 'idempotency-key') ?? null;
  const params = readApiParams(request, url, body);
  await handleApiCall(
    state,
    { requestId, method, url, headers: request.headers, params, idempotencyKey },
    response,
    closing,
    connection,
  );
}

/** `closing` aborts answers that faults or the latency setting hold back, so the server can shut down at once. */
export function createEmulatorServer(context: ControlContext, closing: AbortSignal): Server {
  const connections = new WeakMap<Socket, number>();
  const server = createServer((request, response) => {
    handle(context, request, response, closing, connections.get(request.socket) ?? 0).catch(
      (error: unknown) => {
        console.error('stripe-emulator: unexpected error while handling', request.method, request.url, error);
        if (response.headersSent) response.destroy();
        else sendJson(response, 500, stripeJson(stripeErrors.internal().body));
      },
    );
  });
  let opened = 0;
  server.on('connection', (socket: Socket) => connections.set(socket, ++opened));
  return server;
}
