import { AccountStore, type EmulatorSeed } from './accounts.js';
import type { Credentials } from './auth.js';
import type { Clock } from './clock.js';
import { EventStore } from './events.js';
import { FaultInjector } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import type { Latency } from './latency.js';
import { HostedLinkStore, LINK_LIFETIME_SECONDS, ONBOARDING_SESSION_LIFETIME_SECONDS } from './links.js';
import { PayoutStore } from './payouts.js';
import { RequestLog } from './request-log.js';
import { type WebhookEndpointInput, WebhookEndpointStore } from './webhook-endpoints.js';
import { checkedRetryOptions, WebhookDispatcher, type WebhookRetryOptions } from './webhooks.js';

/** Which requirements an account link collects (`collection_options`, or the older `collect`). */
export interface AccountLinkCollection {
  fields: 'currently_due' | 'eventually_due';
  future_requirements: 'include' | 'omit';
}

/** What an account link remembers for the hosted onboarding page it leads to. */
export interface AccountLinkDetails {
  type: 'account_onboarding' | 'account_update';
  refresh_url?: string;
  return_url?: string;
  collection: AccountLinkCollection;
}

/** The platform account the emulator's keys belong to, and its Connect application. */
export interface Platform {
  accountId: string;
  applicationId: string;
  name: string;
}

/** Everything one emulator instance holds in memory. */
export interface EmulatorState {
  readonly keys: Credentials[];
  /** True for live keys (`sk_live_…`): objects and events say `livemode`. */
  readonly livemode: boolean;
  /** The platform's default API version: events are recorded at it, endpoints without a version get it. */
  readonly apiVersion: string;
  readonly platform: Platform;
  readonly clock: Clock;
  readonly latency: Latency;
  readonly accounts: AccountStore;
  readonly accountLinks: HostedLinkStore<AccountLinkDetails>;
  /** Onboarding sessions an account link opens when visited; the page's forms post to them. */
  readonly onboardingSessions: HostedLinkStore<AccountLinkDetails>;
  readonly loginLinks: HostedLinkStore<null>;
  readonly idempotency: IdempotencyStore;
  readonly faults: FaultInjector;
  readonly requestLog: RequestLog;
  readonly events: EventStore;
  readonly payouts: PayoutStore;
  readonly webhookEndpoints: WebhookEndpointStore;
  readonly webhooks: WebhookDispatcher;
  /** `http://host:port`, known once the server listens; the links handed out point here. */
  origin: string;
}

export interface StateOptions {
  /** The platform's secret key first, then its restricted keys. */
  keys: Credentials[];
  apiVersion: string;
  platform: Platform;
  clock: Clock;
  latency: Latency;
  seed: EmulatorSeed;
  webhookEndpoints: WebhookEndpointInput[];
  webhookRetry: WebhookRetryOptions;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
}

export function createState(options: StateOptions): EmulatorState {
  const { keys, clock, closing, apiVersion } = options;
  // The mode is the secret key's (keys[0]), as each Stripe key belongs to one mode.
  const livemode = keys[0]?.key.startsWith('sk_live_') ?? false;
  const accounts = new AccountStore(clock);
  for (const account of options.seed.accounts ?? []) accounts.seed(account);
  const events = new EventStore(clock, { livemode, apiVersion });
  const webhookEndpoints = new WebhookEndpointStore(clock, livemode);
  const webhooks = new WebhookDispatcher({
    clock,
    events,
    endpoints: webhookEndpoints,
    retry: checkedRetryOptions(options.webhookRetry, livemode ? 'live' : 'test'),
    defaultApiVersion: apiVersion,
    closing,
  });
  for (const endpoint of options.webhookEndpoints) webhooks.register(endpoint);
  return {
    keys,
    livemode,
    apiVersion,
    platform: options.platform,
    clock,
    latency: options.latency,
    accounts,
    accountLinks: new HostedLinkStore(clock, LINK_LIFETIME_SECONDS),
    onboardingSessions: new HostedLinkStore(clock, ONBOARDING_SESSION_LIFETIME_SECONDS),
    loginLinks: new HostedLinkStore(clock, LINK_LIFETIME_SECONDS),
    idempotency: new IdempotencyStore(clock),
    faults: new FaultInjector(),
    requestLog: new RequestLog(),
    events,
    payouts: new PayoutStore(clock, livemode),
    webhookEndpoints,
    webhooks,
    origin: '',
  };
}
