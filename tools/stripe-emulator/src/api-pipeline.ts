/**
 * What Stripe does around every API call, in Stripe's order: rate limiting and load shedding at the edge,
 * authentication and permissions, the API version, routing, parameter checks, the idempotency layer, the
 * endpoint itself, and the way back. Injected faults and the latency setting strike at their own stage.
 */
import type { IncomingMessage } from 'node:http';
import { apiRoutes } from './api.js';
import type { ApiRequest, ApiRoute } from './api-route.js';
import { isApiVersion } from './api-version.js';
import { authenticate, authorize } from './auth.js';
import { enforceDeadlines } from './connect-changes.js';
import { StripeApiError, stripeErrors } from './errors.js';
import { type FaultEffect, type FaultStage, faultResponse } from './faults.js';
import { type FormObject, FormParseError, parseForm } from './form.js';
import type { ApiResponse } from './idempotency.js';
import { stripeJson } from './json.js';
import { drawLatency } from './latency.js';
import type { RecordedRequest } from './request-log.js';
import { matchRoute } from './routing.js';
import type { EmulatorState } from './state.js';

export interface ApiCall {
  requestId: string;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Parsed before authentication so the request log has them, but reported only after it. */
  params: FormObject | StripeApiError;
  idempotencyKey: string | null;
}

/** The answer to send (its body already serialised), or a connection to drop without one. */
export type ApiAnswer = (ApiResponse & { kind: 'answer' }) | { kind: 'drop' };

/** Waits `ms` milliseconds; rejects when the emulator closes meanwhile. */
export type Wait = (ms: number) => Promise<void>;

export function singleHeader(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function readApiParams(request: IncomingMessage, url: URL, body: string): FormObject | StripeApiError {
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

function serialised(status: number, body: unknown): ApiResponse {
  return { status, body: stripeJson(body), headers: {} };
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof StripeApiError) return serialised(error.status, error.body);
  throw error;
}

function runOperation(operation: () => unknown): ApiResponse {
  try {
    return serialised(200, operation());
  } catch (error) {
    return errorResponse(error);
  }
}

interface PreparedCall {
  route: ApiRoute;
  request: ApiRequest;
  operation: () => unknown;
  params: FormObject;
}

/** Everything before the idempotency layer; throws Stripe's 4xx for what it refuses. */
function prepare(state: EmulatorState, call: ApiCall, apiVersion: string): PreparedCall {
  const credentials = authenticate(singleHeader(call.headers, 'authorization'), state.keys);
  const requestedVersion = singleHeader(call.headers, 'stripe-version');
  if (requestedVersion !== undefined && !isApiVersion(requestedVersion)) {
    throw stripeErrors.invalidApiVersion(requestedVersion);
  }
  enforceDeadlines(state);
  const match = matchRoute(apiRoutes, call.method, call.url.pathname);
  if (!match) throw stripeErrors.unrecognizedUrl(call.method, call.url.pathname);
  authorize(credentials, match.route.permission, state.platform.accountId);
  const { params } = call;
  if (params instanceof StripeApiError) throw params;
  const request: ApiRequest = {
    state,
    credentials,
    pathParams: match.pathParams,
    apiVersion,
    stripeAccount: singleHeader(call.headers, 'stripe-account'),
    cause: { id: call.requestId, idempotency_key: call.idempotencyKey },
  };
  return { route: match.route, request, operation: match.route.prepare(params, request), params };
}

/** Answers one API call, recording in `record` what happened to it on the way. */
export async function answerApiCall(
  state: EmulatorState,
  call: ApiCall,
  record: RecordedRequest,
  wait: Wait,
): Promise<ApiAnswer> {
  const { method } = call;
  const path = call.url.pathname;
  const requestedVersion = singleHeader(call.headers, 'stripe-version');
  const apiVersion =
    requestedVersion !== undefined && isApiVersion(requestedVersion) ? requestedVersion : state.apiVersion;
  const headers = {
    'Stripe-Version': apiVersion,
    ...(call.idempotencyKey === null ? {} : { 'Idempotency-Key': call.idempotencyKey }),
  };
  record.latencyMs = drawLatency(state.latency);
  let latencySpent = false;
  const spendLatency = (extraMs = 0) => {
    const ms = (latencySpent ? 0 : record.latencyMs) + extraMs;
    latencySpent = true;
    return wait(ms);
  };
  /** Each request meets at most one fault, at the first stage one matches it. */
  const takeFault = (stage: FaultStage): FaultEffect | undefined => {
    if (record.fault !== null) return undefined;
    const fault = state.faults.take(method, path, stage);
    record.fault = fault?.kind ?? null;
    return fault;
  };
  const answer = async (
    response: ApiResponse,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    record.status = response.status;
    await spendLatency();
    const responseFault = takeFault('response');
    if (responseFault?.kind === 'delay') await wait(responseFault.ms);
    return { kind: 'answer', ...response, headers: { ...headers, ...response.headers, ...extraHeaders } };
  };

  const edgeFault = takeFault('edge');
  if (edgeFault?.kind === 'drop') return { kind: 'drop' };
  if (edgeFault?.kind === 'status') return answer(faultResponse(edgeFault));

  let prepared: PreparedCall;
  try {
    prepared = prepare(state, call, apiVersion);
  } catch (error) {
    return answer(errorResponse(error));
  }

  const key = method === 'POST' ? call.idempotencyKey : null;
  if (key !== null) {
    try {
      const claim = state.idempotency.claim(key, { endpoint: `${method} ${path}`, params: prepared.params });
      if (claim.outcome === 'replay') {
        record.idempotentReplayed = true;
        const { originalRequestId, ...stored } = claim.response;
        return answer(stored, { 'Idempotent-Replayed': 'true', 'Original-Request': originalRequestId });
      }
    } catch (error) {
      return answer(errorResponse(error));
    }
  }

  // The endpoint runs: the latency and an endpoint delay hold the key, as a slow Stripe request does.
  const endpointFault = takeFault('endpoint');
  await spendLatency(endpointFault?.kind === 'delay' ? endpointFault.ms : 0);
  const response =
    endpointFault?.kind === 'status' ? faultResponse(endpointFault) : runOperation(prepared.operation);
  if (key !== null) state.idempotency.complete(key, { ...response, originalRequestId: call.requestId });
  return answer(response);
}
