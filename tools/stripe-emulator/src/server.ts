/**
 * The HTTP front: gives every response a request id, dispatches to the control routes, the hosted
 * pages or the Stripe API, and wraps API calls in the request log and injected faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiCall, processApiCall, readApiParams, singleHeader } from './api-pipeline.js';
import {
  CONTROL_PATH_PREFIX,
  ControlRequestError,
  type ControlResponse,
  controlErrorFor,
  controlRoutes,
} from './control.js';
import { StripeApiError, stripeErrors } from './errors.js';
import { faultErrorBody } from './faults.js';
import type { PageResponse } from './hosted-page.js';
import { newId } from './ids.js';
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
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : `${JSON.stringify(body, null, 2)}\n`);
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
    receivedAt: state.clock(),
  });
  const fault = state.faults.take(call.method, call.url.pathname);
  record.fault = fault?.kind ?? null;
  if (fault?.kind === 'drop') {
    response.socket?.destroy();
    return;
  }
  const outcome =
    fault?.kind === 'status'
      ? { status: fault.status, body: faultErrorBody(fault), headers: {} }
      : processApiCall(state, call);
  record.status = outcome.status;
  record.idempotentReplayed = outcome.headers['Idempotent-Replayed'] === 'true';
  if (fault?.kind === 'delay') {
    try {
      await sleep(fault.ms, undefined, { signal: closing });
    } catch {
      response.socket?.destroy();
      return;
    }
  }
  const stripeVersion = singleHeader(call.headers, 'stripe-version');
  sendJson(response, outcome.status, outcome.body, {
    ...(call.idempotencyKey === null ? {} : { 'Idempotency-Key': call.idempotencyKey }),
    ...(stripeVersion === undefined ? {} : { 'Stripe-Version': stripeVersion }),
    ...outcome.headers,
  });
}

async function handleControlCall(
  state: EmulatorState,
  method: string,
  path: string,
  body: string,
): Promise<ControlResponse> {
  const match = matchRoute(controlRoutes, method, path);
  if (!match) return { status: 404, body: { error: { message: `No control route ${method} ${path}.` } } };
  try {
    const json: unknown = body === '' ? undefined : JSON.parse(body);
    return await match.route.handle(state, json, match.pathParams);
  } catch (error) {
    const rejection =
      error instanceof SyntaxError ? new ControlRequestError(error.message) : controlErrorFor(error);
    if (!rejection) throw error;
    return { status: rejection.status, body: { error: { message: rejection.message } } };
  }
}

async function handle(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  closing: AbortSignal,
): Promise<void> {
  const requestId = newId.request();
  response.setHeader('Request-Id', requestId);
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://stripe-emulator.invalid');
  const body = await readBody(request);

  if (url.pathname.startsWith(CONTROL_PATH_PREFIX)) {
    const { status, body: responseBody } = await handleControlCall(state, method, url.pathname, body);
    sendJson(response, status, responseBody);
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
  );
}

/** `closing` aborts responses that faults are holding back, so the server can shut down at once. */
export function createEmulatorServer(state: EmulatorState, closing: AbortSignal): Server {
  return createServer((request, response) => {
    handle(state, request, response, closing).catch((error: unknown) => {
      console.error('stripe-emulator: unexpected error while handling', request.method, request.url, error);
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, stripeErrors.internal().body);
    });
  });
}
