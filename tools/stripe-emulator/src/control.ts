/**
 * Routes under `/_emulator/` for tests that drive the emulator over HTTP: the same controls as in code.
 * The Stripe SDK never calls them, and they need no API key.
 */
import type { AccountStateOptions } from './account-states.js';
import { UnknownAccountError } from './accounts.js';
import type { BankAccountDetails } from './bank-accounts.js';
import { AccountChangeError, assertAccountChange } from './connect-changes.js';
import type { AccountControls, PayoutControls } from './controls.js';
import { EmulatorOptionError } from './errors.js';
import { UnknownEventError } from './events.js';
import { type FaultSpec, FaultSpecError, faultSpecFromJson, type PendingFault } from './faults.js';
import { isPlainObject } from './json.js';
import { PAYOUT_FAILURE_CODES, PayoutChangeError, UnknownPayoutError } from './payouts.js';
import type { RoutePattern } from './routing.js';
import { SeedError, seedAccountFromJson } from './seed.js';
import type { EmulatorState } from './state.js';
import type { PayoutFailureCode } from './stripe-objects.js';
import { checkedWebhookEndpointInput, UnknownWebhookEndpointError } from './webhook-endpoints.js';
import { resumeOptionsFromJson } from './webhooks.js';

export const CONTROL_PATH_PREFIX = '/_emulator/';

export interface ControlResponse {
  status: number;
  body?: unknown;
}

/** What a control route works with: the state, and the controls built on it. */
export interface ControlContext {
  state: EmulatorState;
  accounts: AccountControls;
  payouts: PayoutControls;
}

interface ControlRoute extends RoutePattern {
  handle(
    context: ControlContext,
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
  const badRequests = [FaultSpecError, SeedError, EmulatorOptionError, AccountChangeError, PayoutChangeError];
  if (badRequests.some((type) => error instanceof type))
    return new ControlRequestError((error as Error).message);
  const unknowns = [UnknownAccountError, UnknownEventError, UnknownPayoutError, UnknownWebhookEndpointError];
  if (unknowns.some((type) => error instanceof type))
    return new ControlRequestError((error as Error).message, 404);
  return undefined;
}

/** A RegExp does not survive JSON.stringify, so it is listed the way it is injected. */
function faultToJson({ spec, ...fault }: PendingFault) {
  const { path, ...rest }: FaultSpec = spec;
  const target = path instanceof RegExp ? { pathRegex: path.source } : { path };
  return { ...fault, spec: { ...rest, ...target } };
}

const noContent: ControlResponse = { status: 204 };

function objectBody(json: unknown): Record<string, unknown> {
  if (json === undefined) return {};
  if (!isPlainObject(json)) throw new ControlRequestError('The body must be a JSON object.');
  return json;
}

/** `{ "state": "past_due", "fields": [...], "deadline": 1767225600, "errors": [...] }` */
function stateOptionsFromJson(body: Record<string, unknown>): AccountStateOptions {
  const { fields, deadline, errors } = body;
  if (
    fields !== undefined &&
    !(Array.isArray(fields) && fields.every((field) => typeof field === 'string'))
  ) {
    throw new ControlRequestError('`fields` must be a list of requirement names.');
  }
  if (deadline !== undefined && !Number.isInteger(deadline)) {
    throw new ControlRequestError('`deadline` must be a Unix time in seconds.');
  }
  if (errors !== undefined && !Array.isArray(errors)) {
    throw new ControlRequestError('`errors` must be a list of { code, reason, requirement }.');
  }
  return body as AccountStateOptions;
}

function failureCodeFromJson(value: unknown): PayoutFailureCode {
  if (!PAYOUT_FAILURE_CODES.some((code) => code === value)) {
    throw new ControlRequestError(`\`failure_code\` must be one of ${PAYOUT_FAILURE_CODES.join(', ')}.`);
  }
  return value as PayoutFailureCode;
}

/** Removes the endpoints `{ "url" }` names, or every endpoint when there is no body. */
function unregisterWebhookEndpoints({ state }: ControlContext, json: unknown): ControlResponse {
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

const events = (data: unknown[]): ControlResponse => ({ status: 200, body: { data } });

export const controlRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    pattern: '/_emulator/requests',
    handle: ({ state }) => ({ status: 200, body: { data: state.requestLog.list() } }),
  },
  {
    method: 'DELETE',
    pattern: '/_emulator/requests',
    handle: ({ state }) => {
      state.requestLog.clear();
      return noContent;
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/faults',
    handle: ({ state }) => ({ status: 200, body: { data: state.faults.list().map(faultToJson) } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/faults',
    handle: ({ state }, json) => ({
      status: 201,
      body: faultToJson(state.faults.inject(faultSpecFromJson(json))),
    }),
  },
  {
    method: 'DELETE',
    pattern: '/_emulator/faults',
    handle: ({ state }) => {
      state.faults.clear();
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts',
    handle: ({ accounts }, json) => ({ status: 201, body: accounts.seed(seedAccountFromJson(json)) }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts/:account/update',
    handle: ({ accounts }, json, { account = '' }) => {
      const change = isPlainObject(json) ? json.change : undefined;
      assertAccountChange(change);
      return { status: 200, body: accounts.update(account, change) };
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts/:account/state',
    handle: ({ accounts }, json, { account = '' }) => {
      const { state, ...options } = objectBody(json);
      assertAccountChange(state);
      return events(accounts.setState(account, state, stateOptionsFromJson(options)));
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts/:account/deauthorize',
    handle: ({ accounts }, _json, { account = '' }) => events(accounts.deauthorize(account)),
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts/:account/bank-account',
    handle: ({ accounts }, json, { account = '' }) =>
      events(accounts.replaceBankAccount(account, objectBody(json) as BankAccountDetails)),
  },
  {
    method: 'POST',
    pattern: '/_emulator/payouts',
    handle: ({ payouts }, json) => ({ status: 201, body: payouts.create(objectBody(json)) }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/payouts/:payout/pay',
    handle: ({ payouts }, _json, { payout = '' }) => events(payouts.pay(payout)),
  },
  {
    method: 'POST',
    pattern: '/_emulator/payouts/:payout/fail',
    handle: ({ payouts }, json, { payout = '' }) =>
      events(payouts.fail(payout, failureCodeFromJson(objectBody(json).failure_code))),
  },
  {
    method: 'GET',
    pattern: '/_emulator/webhook-endpoints',
    handle: ({ state }) => ({ status: 200, body: { data: state.webhooks.endpoints() } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhook-endpoints',
    handle: ({ state }, json) => ({
      status: 201,
      body: state.webhooks.register(checkedWebhookEndpointInput(json)),
    }),
  },
  { method: 'DELETE', pattern: '/_emulator/webhook-endpoints', handle: unregisterWebhookEndpoints },
  {
    method: 'POST',
    pattern: '/_emulator/webhook-endpoints/roll-secret',
    handle: ({ state }, json) => {
      const { endpoint, expiresInSeconds } = objectBody(json);
      if (typeof endpoint !== 'string') throw new ControlRequestError('Send { "endpoint": "<id or url>" }.');
      if (expiresInSeconds !== undefined && typeof expiresInSeconds !== 'number') {
        throw new ControlRequestError('`expiresInSeconds` must be a number.');
      }
      return { status: 200, body: state.webhooks.rollSecret(endpoint, { expiresInSeconds }) };
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/webhooks/deliveries',
    handle: ({ state }) => ({ status: 200, body: { data: state.webhooks.deliveries() } }),
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/pause',
    handle: ({ state }) => {
      state.webhooks.pause();
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/resume',
    handle: ({ state }, json) => {
      state.webhooks.resume(resumeOptionsFromJson(json));
      return noContent;
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/webhooks/redeliver/:event',
    handle: ({ state }, _json, { event = '' }) => {
      state.webhooks.redeliver(event);
      return { status: 202 };
    },
  },
  {
    method: 'GET',
    pattern: '/_emulator/webhooks/idle',
    handle: async ({ state }) => {
      await state.webhooks.idle();
      return noContent;
    },
  },
];
