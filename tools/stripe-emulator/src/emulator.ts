/** Starting and stopping one emulator instance. */
import type { AddressInfo } from 'node:net';
import { updateAccount } from './account-updates.js';
import type { AccountChange, EmulatorSeed, SeedAccount } from './accounts.js';
import type { Clock } from './clock.js';
import type { FaultControls } from './faults.js';
import type { RequestLogControls } from './request-log.js';
import { createEmulatorServer } from './server.js';
import { createState } from './state.js';
import type { Account, AccountUpdatedEvent, StripeEvent } from './stripe-objects.js';
import {
  DEFAULT_WEBHOOK_RETRY,
  type WebhookControls,
  type WebhookEndpoint,
  type WebhookRetryPolicy,
} from './webhooks.js';

export const DEFAULT_SECRET_KEY = 'sk_test_stripe_emulator';
export const DEFAULT_HOST = '127.0.0.1';

export interface StripeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** The only secret key the emulator accepts; `sk_test_stripe_emulator` by default. */
  secretKey?: string;
  /** Accounts to start with. */
  seed?: EmulatorSeed;
  /**
   * Clock in milliseconds since the epoch (like `Date.now`), for timestamps, link expiry and the
   * `Stripe-Signature` timestamp.
   */
  now?: Clock;
  /** Endpoints every event is sent to; more can be registered with `webhooks.register`. */
  webhookEndpoints?: WebhookEndpoint[];
  /** How failed webhook deliveries are retried; `{ attempts: 5, initialDelayMs: 1000 }` by default. */
  webhookRetry?: WebhookRetryPolicy;
}

export interface StripeEmulator {
  /** Origin of the server, e.g. `http://127.0.0.1:53124`. */
  url: string;
  host: string;
  port: number;
  secretKey: string;
  /** Options for `new Stripe(secretKey, ...)` that point the official SDK at this emulator. */
  stripeClientOptions: { host: string; port: number; protocol: 'http' };
  faults: FaultControls;
  requests: RequestLogControls;
  accounts: {
    /** Adds, or replaces by id, an account completed from a partial description. */
    seed(account: SeedAccount): Account;
    get(id: string): Account | undefined;
    /**
     * Changes an account as the hosted onboarding page would (`complete`, `incomplete`, `restrict`,
     * `disable`) or by merging the fields given, and sends `account.updated` to the webhook endpoints.
     * Returns that event; delivery goes on in the background (`webhooks.idle()` waits for it).
     */
    update(id: string, change: AccountChange): AccountUpdatedEvent;
  };
  /** The events recorded so far, as `GET /v1/events/{id}` returns them. */
  events: {
    get(id: string): StripeEvent | undefined;
    list(): StripeEvent[];
  };
  webhooks: WebhookControls;
  /**
   * Stops listening and drops open connections, including responses held back by delay faults; abandons
   * webhook deliveries in flight and pending retries.
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
    seed = {},
    now = Date.now,
    webhookEndpoints = [],
    webhookRetry = DEFAULT_WEBHOOK_RETRY,
  } = options;
  const closing = new AbortController();
  const state = createState({
    secretKey,
    clock: now,
    seed,
    webhookEndpoints,
    webhookRetry,
    closing: closing.signal,
  });
  const server = createEmulatorServer(state, closing.signal);

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
    stripeClientOptions: { host: clientHost, port: boundPort, protocol: 'http' },
    faults: state.faults,
    requests: state.requestLog,
    accounts: {
      seed: (account) => structuredClone(state.accounts.seed(account)),
      get: (id) => {
        const account = state.accounts.get(id);
        return account && structuredClone(account);
      },
      update: (id, change) => structuredClone(updateAccount(state, id, change).event),
    },
    events: {
      get: (id) => {
        const event = state.events.get(id);
        return event && structuredClone(event);
      },
      list: () => structuredClone(state.events.list()),
    },
    webhooks: state.webhooks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
