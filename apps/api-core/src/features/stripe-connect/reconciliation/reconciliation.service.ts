import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { InjectConfig } from '../../../platform/config/config.module.js';
import { PrismaService } from '../../../platform/database/prisma.service.js';
import { AccountStatusService } from '../account-status.service.js';
import type { StripeConnectStatusResponseDto } from '../dto/stripe-connect-response.dto.js';
import { StripeGateway } from '../stripe/stripe.gateway.js';
import { StripeWebhookService } from '../webhooks/stripe-webhook.service.js';

const ACCOUNTS_PER_PAGE = 100;
/** How far back `GET /v1/events` reaches: with no previous run to start from, everything Stripe still has. */
const STRIPE_EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1_000;
/**
 * Replays start this long before the previous run did: Stripe stamps events on its own clock, and an event is
 * recorded once whatever the overlap.
 */
const CLOCK_SKEW_MARGIN_MS = 5 * 60 * 1_000;

export interface ReconciliationSummary {
  accounts: number;
  changed: number;
  eventsReplayed: number;
  failed: number;
  /** The shutdown stopped the pass before every account was read. */
  interrupted: boolean;
}

export interface ConnectedProfile {
  id: string;
  userId: string;
  stripeAccountId: string;
}

type Snapshot = Omit<StripeConnectStatusResponseDto, 'syncedAt'>;

/**
 * The safety net under Stripe's webhooks (an endpoint misconfigured or disabled, an outage longer than Stripe's
 * retries): every connected account is re-read from Stripe, and its events since the previous pass are handled as if
 * delivered (the ones already received are recognised by id and skipped). Accounts are read one at a time at
 * RECONCILIATION_ACCOUNTS_PER_SECOND, so the pass never competes with creators' requests for Stripe's rate limit.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly prisma: PrismaService,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
    private readonly events: StripeWebhookService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** One pass over every creator with a Stripe account; logs each account it changed, then a summary. */
  async reconcileAllAccounts({
    previousPassStartedAt,
    signal,
  }: {
    previousPassStartedAt: Date | undefined;
    signal: AbortSignal;
  }): Promise<ReconciliationSummary> {
    const eventsSince = new Date(
      previousPassStartedAt
        ? previousPassStartedAt.getTime() - CLOCK_SKEW_MARGIN_MS
        : Date.now() - STRIPE_EVENT_RETENTION_MS,
    );
    const spacingMs = 1_000 / this.config.reconciliation.accountsPerSecond;
    const summary: ReconciliationSummary = {
      accounts: 0,
      changed: 0,
      eventsReplayed: 0,
      failed: 0,
      interrupted: false,
    };
    let nextReadAt = Date.now();
    for await (const profile of this.connectedProfiles()) {
      if (!(await waitUntil(nextReadAt, signal))) {
        summary.interrupted = true;
        break;
      }
      nextReadAt = Date.now() + spacingMs;
      summary.accounts += 1;
      try {
        const { changed, eventsReplayed } = await this.reconcileAccount(profile, eventsSince);
        summary.eventsReplayed += eventsReplayed;
        if (changed) summary.changed += 1;
      } catch (error) {
        summary.failed += 1;
        this.logger.warn(
          { creatorProfileId: profile.id, stripeAccountId: profile.stripeAccountId, err: error },
          'Reconciliation could not read an account; the next pass tries again',
        );
      }
    }
    this.logger.log(
      {
        ...summary,
        eventsSince: eventsSince.toISOString(),
        accountsPerSecond: this.config.reconciliation.accountsPerSecond,
      },
      'Reconciliation pass finished',
    );
    return summary;
  }

  /**
   * One account of the pass. Re-reads first: a disconnected account answers `account_invalid` to that read, which
   * archives it, and then has no events left for us to list.
   */
  async reconcileAccount(
    profile: ConnectedProfile,
    eventsSince: Date,
  ): Promise<{ changed: boolean; eventsReplayed: number }> {
    const before = await this.snapshot(profile.userId);
    await this.accountStatus.refreshFromStripe(profile.id, profile.stripeAccountId);
    const reread = await this.snapshot(profile.userId);
    const replayed =
      reread.stripeAccountId === profile.stripeAccountId
        ? await this.replayMissedEvents(profile.stripeAccountId, eventsSince)
        : [];
    const after = replayed.length > 0 ? await this.snapshot(profile.userId) : reread;
    const changes = differences(before, after);
    if (Object.keys(changes).length > 0 || replayed.length > 0)
      this.logger.log(
        {
          event: 'reconciliation_changed',
          creatorProfileId: profile.id,
          stripeAccountId: profile.stripeAccountId,
          changes,
          replayedEvents: replayed,
        },
        'Reconciliation changed an account',
      );
    return { changed: Object.keys(changes).length > 0, eventsReplayed: replayed.length };
  }

  /** The account's events we never received, handled now; those already recorded are left as they were. */
  private async replayMissedEvents(stripeAccountId: string, since: Date) {
    const replayed: Array<{ id: string; type: string; outcome: string }> = [];
    for (const event of await this.stripe.listAccountEventsSince(stripeAccountId, since)) {
      const outcome = await this.events.handleEvent(event);
      if (outcome !== 'DUPLICATE') replayed.push({ id: event.id, type: event.type, outcome });
    }
    return replayed;
  }

  private async snapshot(userId: string): Promise<Snapshot> {
    const { syncedAt: _, ...snapshot } = await this.accountStatus.get(userId);
    return snapshot;
  }

  /** Page by page in id order, so creators added or archived meanwhile neither repeat nor shift the pages. */
  private async *connectedProfiles(): AsyncGenerator<ConnectedProfile> {
    let after: string | undefined;
    for (;;) {
      const page = await this.prisma.creatorProfile.findMany({
        where: { stripeAccountId: { not: null }, ...(after === undefined ? {} : { id: { gt: after } }) },
        select: { id: true, userId: true, stripeAccountId: true },
        orderBy: { id: 'asc' },
        take: ACCOUNTS_PER_PAGE,
      });
      for (const profile of page)
        if (profile.stripeAccountId) yield { ...profile, stripeAccountId: profile.stripeAccountId };
      if (page.length < ACCOUNTS_PER_PAGE) return;
      after = page.at(-1)?.id;
    }
  }
}

/** Field by field, what a creator would now see differently. */
function differences(before: Snapshot, after: Snapshot): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of Object.keys(after) as Array<keyof Snapshot>)
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      changes[field] = { from: before[field], to: after[field] };
  return changes;
}

/** False when the process started shutting down first. */
async function waitUntil(time: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  const waitMs = time - Date.now();
  if (waitMs <= 0) return true;
  try {
    await sleep(waitMs, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
