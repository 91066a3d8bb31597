/**
 * Routes under `/_emulator/` for tests that drive the emulator over HTTP. The Stripe SDK never calls
 * them, and they need no API key.
 */
import { type FaultSpec, FaultSpecError, faultSpecFromJson, type PendingFault } from './faults.js';
import type { RoutePattern } from './routing.js';
import { SeedError, seedAccountFromJson } from './seed.js';
import type { EmulatorState } from './state.js';

export const CONTROL_PATH_PREFIX = '/_emulator/';

export interface ControlResponse {
  status: number;
  body?: unknown;
}

interface ControlRoute extends RoutePattern {
  handle(state: EmulatorState, json: unknown): ControlResponse;
}

export class ControlRequestError extends Error {}

/** A RegExp does not survive JSON.stringify, so it is listed the way it is injected. */
function faultToJson({ spec, ...fault }: PendingFault) {
  const { path, ...rest }: FaultSpec = spec;
  const target = path instanceof RegExp ? { pathRegex: path.source } : { path };
  return { ...fault, spec: { ...rest, ...target } };
}

function rethrowAsBadRequest(action: () => ControlResponse): ControlResponse {
  try {
    return action();
  } catch (error) {
    if (error instanceof FaultSpecError || error instanceof SeedError)
      throw new ControlRequestError(error.message);
    throw error;
  }
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
      return { status: 204 };
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
    handle: (state, json) =>
      rethrowAsBadRequest(() => ({
        status: 201,
        body: faultToJson(state.faults.inject(faultSpecFromJson(json))),
      })),
  },
  {
    method: 'DELETE',
    pattern: '/_emulator/faults',
    handle: (state) => {
      state.faults.clear();
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/_emulator/accounts',
    handle: (state, json) =>
      rethrowAsBadRequest(() => ({ status: 201, body: state.accounts.seed(seedAccountFromJson(json)) })),
  },
];
