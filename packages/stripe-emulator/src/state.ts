import { AccountStore, type EmulatorSeed } from './accounts.js';
import type { Clock } from './clock.js';
import { FaultInjector } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { HostedLinkStore } from './links.js';
import { RequestLog } from './request-log.js';

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
  /** `http://host:port`, known once the server listens; the links handed out point here. */
  origin: string;
}

export function createState(secretKey: string, clock: Clock, seed: EmulatorSeed): EmulatorState {
  const accounts = new AccountStore(clock);
  for (const account of seed.accounts ?? []) accounts.seed(account);
  return {
    secretKey,
    clock,
    accounts,
    accountLinks: new HostedLinkStore(clock),
    loginLinks: new HostedLinkStore(clock),
    idempotency: new IdempotencyStore(clock),
    faults: new FaultInjector(),
    requestLog: new RequestLog(),
    origin: '',
  };
}
