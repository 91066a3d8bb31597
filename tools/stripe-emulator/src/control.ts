/**
 * Routes under `/_emulator/` for tests that drive the emulator over HTTP. The Stripe SDK never calls
 * them, and they need no API key.
 */
import { updateAccount } from './account-updates.js';
import { AccountChangeError, assertAccountChange, UnknownAccountError } from './accounts.js';
import { UnknownEventError } from './events.js';
import { type FaultSpec, FaultSpecError, faultSpecFromJson, type PendingFault } from './faults.js';
import { isPlainObject } from './json.js';
import type { RoutePattern } from './routing.js';
import { SeedError, seedAccountFromJson } from './seed.js';
import type { EmulatorState } from './state.js';
import { checkedWebhookEndpoint, InvalidWebhookOptionError, resumeOptionsFromJson } from './webhooks.js';

export const CONTROL_PATH_PREFIX = '/_emulator/';

export interface ControlResponse {
  status: number;
  body?: unknown;
}

interface ControlRoute extends RoutePattern {
  handle(
    state: EmulatorState,
    json: unknown,
    pathParams: Record<string, string>,
  ): ControlResponse | Promise<ControlResponse>;
}

export class ControlRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The answer to an error a control route ran into, or `undefined` for an unexpected one. */
export function controlErrorFor(error: unknown): ControlRequestError | undefined {
  if (error instanceof ControlRequestError) return error;
  const badRequests = [FaultSpecError, SeedError, InvalidWebhookOptionError, AccountChangeError];
  if (badRequests.some((type) => error instanceof type))
    return new ControlRequestError((error as Error).message);
  if (error instanceof UnknownAccountError || error instanceof UnknownEventError) {
    return new ControlRequestError(error.message, 404);
  }
  return undefined;
}

/** A RegExp does not survive JSON.stringify, so it is listed the way it is injected. */
function faultToJson({ spec, ...fault }: PendingFault) {
  const { path, ...rest }: FaultSpec = spec;
  const target = path instanceof RegExp ? { pathRegex: path.source } : { path };
  return { ...fault, spec: { ...rest, ...target } };
}

const noContent: ControlResponse = { status: 204 };

/** Removes the endpoint `{ "url" }` names, or every endpoint when there is no body. */
function unregisterWebhookEndpoints(state: EmulatorState, json: unknown): ControlResponse {
  if (json === undefined) {
    for (const { url } of state.webhooks.endpoints()) state.webhooks.unregister(url);
    return noContent;
  }
  const url = isPlainObject(json) ? json.url : undefined;
  if (typeof url !== 'string')
    throw new ControlRequestError('Send { "url": "..." }, or no body to remove all.');
  if (!state.webhooks.unregister(url)) throw new ControlRequestError(`No webhook endpoint ${url}.`, 404);
  return noContent;
}

export const controlRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    pattern: '/_emulator/requests',
    handle: (state) => ({ status: 200, body: { data: state.requestLog.list() } }),
  },
  {
    method: 'DELETE',
    pattern: '/_emulator/requests',
    handle: (state) => {
      state.requestLog.clear();
      return noContent;
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/faults',
    handle: (state) => ({ status: 200, body: { data: state.faults.list().map(faultToJson) } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/faults',
    handle: (state, json) => ({
      status: 201,
      body: faultToJson(state.faults.inject(faultSpecFromJson(json))),
    }),
  },
  {
    method: 'DELETE',
    pattern: '/_emulator/faults',
    handle: (state) => {
      state.faults.clear();
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts',
    handle: (state, json) => ({ status: 201, body: state.accounts.seed(seedAccountFromJson(json)) }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts/:account/update',
    handle: (state, json, { account = '' }) => {
      const change = isPlainObject(json) ? json.change : undefined;
      assertAccountChange(change);
      return { status: 200, body: updateAccount(state, account, change).event };
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/webhook-endpoints',
    handle: (state) => ({ status: 200, body: { data: state.webhooks.endpoints() } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhook-endpoints',
    handle: (state, json) => {
      const endpoint = checkedWebhookEndpoint(json);
      state.webhooks.register(endpoint);
      return { status: 201, body: endpoint };
    },
  },
  { method: 'DELETE', pattern: '/_emulator/webhook-endpoints', handle: unregisterWebhookEndpoints },
  {
    method: 'GET',
    pattern: '/_emulator/webhooks/deliveries',
    handle: (state) => ({ status: 200, body: { data: state.webhooks.deliveries() } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/pause',
    handle: (state) => {
      state.webhooks.pause();
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/resume',
    handle: (state, json) => {
      state.webhooks.resume(resumeOptionsFromJson(json));
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/redeliver/:event',
    handle: (state, _json, { event = '' }) => {
      state.webhooks.redeliver(event);
      return { status: 202 };
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/webhooks/idle',
    handle: async (state) => {
      await state.webhooks.idle();
      return noContent;
    },
  },
];
