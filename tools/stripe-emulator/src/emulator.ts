/** Starting and stopping one emulator instance. */
import type { AddressInfo } from 'node:net';
import type { EmulatorSeed } from './accounts.js';
import { DEFAULT_API_VERSION, isApiVersion } from './api-version.js';
import { checkedRestrictedKey, type RestrictedKey } from './auth.js';
import type { Clock } from './clock.js';
import {
  type AccountControls,
  accountControls,
  type EventControls,
  eventControls,
  type PayoutControls,
  payoutControls,
} from './controls.js';
import { EmulatorOptionError } from './errors.js';
import type { FaultControls } from './faults.js';
import { checkedLatency, type Latency, NO_LATENCY } from './latency.js';
import type { RequestLogControls } from './request-log.js';
import { createEmulatorServer } from './server.js';
import { createState, type Platform } from './state.js';
import type { WebhookEndpointInput } from './webhook-endpoints.js';
import type { WebhookControls, WebhookRetryOptions } from './webhooks.js';

export const DEFAULT_SECRET_KEY = 'sk_test_stripe_emulator';
export const DEFAULT_HOST = '127.0.0.1';

/** The platform the emulator's keys belong to, as Stripe's refusals and `account.application.*` events name it. */
export const EMULATOR_PLATFORM: Platform = {
  accountId: 'acct_1EmulatorPlatfrm',
  applicationId: 'ca_EmulatorPlatformApplication00000',
  name: 'Stripe emulator platform',
};

export interface StripeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** The platform's secret key; `sk_test_stripe_emulator` by default. A `sk_live_` key makes everything live. */
  secretKey?: string;
  /** Restricted keys (`rk_…`) and what each may do; everything else they try answers 403. */
  restrictedKeys?: RestrictedKey[];
  /** Accounts to start with. */
  seed?: EmulatorSeed;
  /**
   * Clock in milliseconds since the epoch (like `Date.now`), for timestamps, link expiry, deadlines,
   * idempotency key expiry and the `Stripe-Signature` timestamp.
   */
  now?: Clock;
  /** The platform's default API version; the one stripe-node 23 pins (`2026-10-28.endive`) by default. */
  apiVersion?: string;
  /** Endpoints registered from the start, as `webhooks.register` registers them (Connect, all events). */
  webhookEndpoints?: WebhookEndpointInput[];
  /** How failed deliveries are retried: Stripe's schedule for the key's mode by default, scaled by `timeScale`. */
  webhookRetry?: WebhookRetryOptions;
  /** A delay before every API answer: `baseMs` plus a uniform share of `jitterMs`. None by default. */
  latency?: Latency;
}

export interface StripeEmulator {
  /** Origin of the server, e.g. `http://127.0.0.1:53124`. */
  url: string;
  host: string;
  port: number;
  secretKey: string;
  /** The platform's default API version. */
  apiVersion: string;
  /** Options for `new Stripe(secretKey, ...)` that point the official SDK at this emulator. */
  stripeClientOptions: { host: string; port: number; protocol: 'http' };
  faults: FaultControls;
  requests: RequestLogControls;
  accounts: AccountControls;
  payouts: PayoutControls;
  /** The events recorded so far, whoever they belong to. */
  events: EventControls;
  webhooks: WebhookControls;
  /**
   * Stops listening and drops open connections, including answers held back by delays; abandons webhook
   * deliveries in flight and pending retries.
   */
  close(): Promise<void>;
}

/** An origin usable from a browser even when the server binds every interface. */
function originFor(host: string, port: number): string {
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
}

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const {
    port = 0,
    host = DEFAULT_HOST,
    secretKey = DEFAULT_SECRET_KEY,
    restrictedKeys = [],
    seed = {},
    now = Date.now,
    apiVersion = DEFAULT_API_VERSION,
    webhookEndpoints = [],
    webhookRetry = {},
    latency = NO_LATENCY,
  } = options;
  if (!isApiVersion(apiVersion)) throw new EmulatorOptionError(`Invalid API version: ${apiVersion}`);
  const closing = new AbortController();
  const state = createState({
    keys: [{ key: secretKey }, ...restrictedKeys.map(checkedRestrictedKey)],
    apiVersion,
    platform: EMULATOR_PLATFORM,
    clock: now,
    latency: checkedLatency(latency),
    seed,
    webhookEndpoints,
    webhookRetry,
    closing: closing.signal,
  });
  const accounts = accountControls(state);
  const payouts = payoutControls(state);
  const server = createEmulatorServer({ state, accounts, payouts }, closing.signal);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const boundPort = (server.address() as AddressInfo).port;
  state.origin = originFor(host, boundPort);
  const clientHost = new URL(state.origin).hostname.replace(/^\[(.*)\]$/, '$1');

  return {
    url: state.origin,
    host,
    port: boundPort,
    secretKey,
    apiVersion,
    stripeClientOptions: { host: clientHost, port: boundPort, protocol: 'http' },
    faults: state.faults,
    requests: state.requestLog,
    accounts,
    payouts,
    events: eventControls(state),
    webhooks: state.webhooks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
