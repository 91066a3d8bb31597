/**
 * What Stripe does around every API call before and after the endpoint itself: authentication,
 * routing, parameter parsing and idempotency.
 */
import type { IncomingMessage } from 'node:http';
import { apiRoutes } from './api.js';
import { authenticate } from './auth.js';
import { StripeApiError, stripeErrors } from './errors.js';
import { type FormObject, FormParseError, parseForm } from './form.js';
import type { ApiResponse } from './idempotency.js';
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

export interface ApiOutcome extends ApiResponse {
  headers: Record<string, string>;
}

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
export function processApiCall(state: EmulatorState, call: ApiCall): ApiOutcome {
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
