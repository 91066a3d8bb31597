import { AccountStore, type EmulatorSeed } from './accounts.js';
import type { Clock } from './clock.js';
import { EventStore } from './events.js';
import { FaultInjector } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { HostedLinkStore } from './links.js';
import { RequestLog } from './request-log.js';
import { WebhookDispatcher, type WebhookEndpoint, type WebhookRetryPolicy } from './webhooks.js';

/** What an account link remembers for the hosted onboarding page it leads to. */
export interface AccountLinkDetails {
  type: 'account_onboarding' | 'account_update';
  refresh_url?: string;
  return_url?: string;
}

/** Everything one emulator instance holds in memory. */
export interface EmulatorState {
  readonly secretKey: string;
  readonly clock: Clock;
  readonly accounts: AccountStore;
  readonly accountLinks: HostedLinkStore<AccountLinkDetails>;
  readonly loginLinks: HostedLinkStore<null>;
  readonly idempotency: IdempotencyStore;
  readonly faults: FaultInjector;
  readonly requestLog: RequestLog;
  readonly events: EventStore;
  readonly webhooks: WebhookDispatcher;
  /** `http://host:port`, known once the server listens; the links handed out point here. */
  origin: string;
}

export interface StateOptions {
  secretKey: string;
  clock: Clock;
  seed: EmulatorSeed;
  webhookEndpoints: WebhookEndpoint[];
  webhookRetry: WebhookRetryPolicy;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
}

export function createState(options: StateOptions): EmulatorState {
  const { secretKey, clock, closing } = options;
  const accounts = new AccountStore(clock);
  for (const account of options.seed.accounts ?? []) accounts.seed(account);
  const events = new EventStore(clock);
  const webhooks = new WebhookDispatcher({ clock, events, retry: options.webhookRetry, closing });
  for (const endpoint of options.webhookEndpoints) webhooks.register(endpoint);
  return {
    secretKey,
    clock,
    accounts,
    accountLinks: new HostedLinkStore(clock),
    loginLinks: new HostedLinkStore(clock),
    idempotency: new IdempotencyStore(clock),
    faults: new FaultInjector(),
    requestLog: new RequestLog(),
    events,
    webhooks,
    origin: '',
  };
}
