/** Single-use, short-lived links to the emulator's hosted pages (login links, account links). */
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import type { UnixTime } from './stripe-objects.js';

/** Stripe lets both login links and account links live for five minutes. */
export const LINK_LIFETIME_SECONDS = 300;

export interface HostedLink<Details> {
  token: string;
  accountId: string;
  created: UnixTime;
  expiresAt: UnixTime;
  details: Details;
}

export type Redemption<Details> =
  | { outcome: 'valid'; link: HostedLink<Details> }
  | { outcome: 'gone' }
  | { outcome: 'unknown' };

export class HostedLinkStore<Details> {
  private readonly links = new Map<string, HostedLink<Details> & { used: boolean }>();

  constructor(private readonly clock: Clock) {}

  issue(accountId: string, details: Details): HostedLink<Details> {
    const created = unixSeconds(this.clock);
    const link = {
      token: newId.linkToken(),
      accountId,
      created,
      expiresAt: created + LINK_LIFETIME_SECONDS,
      details,
    };
    this.links.set(link.token, { ...link, used: false });
    return link;
  }

  /** The first redemption consumes the link; later ones, or any after it expired, find it gone. */
  redeem(accountId: string, token: string): Redemption<Details> {
    const link = this.links.get(token);
    if (!link || link.accountId !== accountId) return { outcome: 'unknown' };
    if (link.used || unixSeconds(this.clock) >= link.expiresAt) return { outcome: 'gone' };
    link.used = true;
    return { outcome: 'valid', link };
  }
}
