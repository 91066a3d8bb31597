/** Single-use, short-lived links to the emulator's hosted pages (login links, account links, onboarding sessions). */
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import type { UnixTime } from './stripe-objects.js';

/** Stripe lets both login links and account links live for five minutes. */
export const LINK_LIFETIME_SECONDS = 300;
/** Once a link is visited, the onboarding it opens lasts as long as a working day. */
export const ONBOARDING_SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

export interface HostedLink<Details> {
  token: string;
  accountId: string;
  created: UnixTime;
  expiresAt: UnixTime;
  details: Details;
}

export type Redemption<Details> =
  | { outcome: 'valid'; link: HostedLink<Details> }
  | { outcome: 'gone'; link: HostedLink<Details> }
  | { outcome: 'unknown' };

export class HostedLinkStore<Details> {
  private readonly links = new Map<string, HostedLink<Details>>();
  private readonly usedTokens = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  issue(accountId: string, details: Details): HostedLink<Details> {
    const created = unixSeconds(this.clock);
    const link = {
      token: newId.linkToken(),
      accountId,
      created,
      expiresAt: created + this.lifetimeSeconds,
      details,
    };
    this.links.set(link.token, link);
    return link;
  }

  /** Whether the link can still be used, without using it: `gone` once used or expired. */
  inspect(accountId: string, token: string): Redemption<Details> {
    const link = this.links.get(token);
    if (!link || link.accountId !== accountId) return { outcome: 'unknown' };
    if (this.usedTokens.has(token) || unixSeconds(this.clock) >= link.expiresAt)
      return { outcome: 'gone', link };
    return { outcome: 'valid', link };
  }

  /** Like `inspect`, and a valid link is used up. */
  redeem(accountId: string, token: string): Redemption<Details> {
    const redemption = this.inspect(accountId, token);
    if (redemption.outcome === 'valid') this.usedTokens.add(token);
    return redemption;
  }
}
