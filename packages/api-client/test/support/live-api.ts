import { type LaunchedApi, launchApi } from '@biore/api-launcher';

// Jest runs globalSetup once, in its main process, before the test files (which may run in worker processes):
// they get the API's origin through the environment, globalTeardown (main process) the handle through a global.
const ORIGIN_VARIABLE = 'BIORE_TEST_API_ORIGIN';

declare global {
  var liveApi: LaunchedApi | undefined;
}

/** globalSetup: the real API, demo users seeded, on the run's database (CI) or an embedded one. */
export default async function startLiveApi(): Promise<void> {
  // Loopback is a trusted proxy, so each call can come from a visitor address of its own (visitorFetch).
  const api = await launchApi({ env: { TRUST_PROXY: '127.0.0.1' } });
  globalThis.liveApi = api;
  process.env[ORIGIN_VARIABLE] = api.origin;
}

/** Where the API of this run listens, e.g. http://127.0.0.1:40123 */
export function liveApiOrigin(): string {
  const origin = process.env[ORIGIN_VARIABLE];
  if (!origin)
    throw new Error(`${ORIGIN_VARIABLE} is unset: run the tests with jest.config.cjs (its globalSetup)`);
  return origin;
}

/**
 * `fetch` from a visitor address of its own on each call (the API trusts loopback's `X-Forwarded-For`), as users
 * on many machines would: the run signs in far more often than the login limit allows one address.
 */
export const visitorFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  const octet = () => Math.floor(Math.random() * 254) + 1;
  headers.set('x-forwarded-for', `10.${octet()}.${octet()}.${octet()}`);
  return fetch(input, { ...init, headers });
};
