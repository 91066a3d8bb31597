/**
 * The HTTP front: dispatches to the Stripe API (`/v1/...`), the hosted pages and the control routes,
 * and applies what Stripe applies around every API call (auth, idempotency, request ids) plus faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiRoutes } from './api.js';
import { authenticate } from './auth.js';
import { CONTROL_PATH_PREFIX, ControlRequestError, type ControlResponse, controlRoutes } from './control.js';
import { StripeApiError, stripeErrors } from './errors.js';
import { faultErrorBody } from './faults.js';
import { type FormObject, FormParseError, parseForm } from './form.js';
import type { ApiResponse } from './idempotency.js';
import { newId } from './ids.js';
import { type HtmlResponse, pageRoutes } from './pages.js';
import type { RecordedRequest } from './request-log.js';
import { matchRoute } from './routing.js';
import type { EmulatorState } from './state.js';

interface ApiCall {
  requestId: string;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Parsed before authentication so the request log has them, but reported only after it. */
  params: FormObject | StripeApiError;
  idempotencyKey: string | null;
}

interface ApiOutcome extends ApiResponse {
  headers: Record<string, string>;
}

function singleHeader(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function readApiParams(request: IncomingMessage, url: URL, body: string): FormObject | StripeApiError {
  const contentType = singleHeader(request.headers, 'content-type') ?? '';
  if (body !== '' && !contentType.startsWith('application/x-www-form-urlencoded')) {
    return stripeErrors.malformedBody(
      `expected Content-Type application/x-www-form-urlencoded, got ${contentType || 'none'}.`,
    );
  }
  try {
    return parseForm(request.method === 'POST' ? body : url.search.slice(1));
  } catch (error) {
    if (error instanceof FormParseError) return stripeErrors.malformedBody(error.message);
    throw error;
  }
}

function errorOutcome(error: StripeApiError): ApiOutcome {
  return { status: error.status, body: error.body, headers: {} };
}

function runOperation(operation: () => unknown): ApiOutcome {
  try {
    return { status: 200, body: operation(), headers: {} };
  } catch (error) {
    if (error instanceof StripeApiError) return errorOutcome(error);
    throw error;
  }
}

/** Auth, parameters, routing and idempotency: everything between the socket and an endpoint. */
function processApiCall(state: EmulatorState, call: ApiCall, record: RecordedRequest): ApiOutcome {
  try {
    const apiKey = authenticate(singleHeader(call.headers, 'authorization'), state.secretKey);
    const match = matchRoute(apiRoutes, call.method, call.url.pathname);
    if (!match) throw stripeErrors.unrecognizedUrl(call.method, call.url.pathname);
    const { params } = call;
    if (params instanceof StripeApiError) throw params;
    const request = { state, apiKey, pathParams: match.pathParams };
    const { idempotencyKey } = call;
    if (call.method !== 'POST' || idempotencyKey === null)
      return runOperation(match.route.prepare(params, request));

    const idempotentRequest = { endpoint: `${call.method} ${call.url.pathname}`, params };
    const stored = state.idempotency.replayFor(idempotencyKey, idempotentRequest);
    if (stored) {
      record.idempotentReplayed = true;
      return {
        status: stored.status,
        body: stored.body,
        headers: { 'Idempotent-Replayed': 'true', 'Original-Request': stored.originalRequestId },
      };
    }
    const outcome = runOperation(match.route.prepare(params, request));
    state.idempotency.save(idempotencyKey, idempotentRequest, {
      ...outcome,
      originalRequestId: call.requestId,
    });
    return outcome;
  } catch (error) {
    if (error instanceof StripeApiError) return errorOutcome(error);
    throw error;
  }
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

function sendHtml(response: ServerResponse, { status, html }: HtmlResponse) {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(html);
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
      : processApiCall(state, call, record);
  record.status = outcome.status;
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

function handleControlCall(
  state: EmulatorState,
  method: string,
  path: string,
  body: string,
): ControlResponse {
  const match = matchRoute(controlRoutes, method, path);
  if (!match) return { status: 404, body: { error: { message: `No control route ${method} ${path}.` } } };
  try {
    return match.route.handle(state, body === '' ? undefined : JSON.parse(body));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ControlRequestError) {
      return { status: 400, body: { error: { message: error.message } } };
    }
    throw error;
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
    const { status, body: responseBody } = handleControlCall(state, method, url.pathname, body);
    sendJson(response, status, responseBody);
    return;
  }
  const page = matchRoute(pageRoutes, method, url.pathname);
  if (page) {
    sendHtml(response, page.route.render(state, page.pathParams));
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
