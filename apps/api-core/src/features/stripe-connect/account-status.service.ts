import type { Prisma, StripeAccountDisconnection } from '@biore/database';
import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { PrismaService } from '../../platform/database/prisma.service.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { negotiateLanguage } from '../../platform/i18n/translator.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectStatusResponseDto } from './dto/stripe-connect-response.dto.js';
import { describePayoutFailure } from './payout-failures.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import { isAccountAccessRevoked } from './stripe/stripe-failure.translator.js';
import {
  type CapabilityStatus,
  type CreatorConnection,
  deriveConnectState,
  NO_REQUIREMENTS,
  type RequirementError,
  type StripeAccountFacts,
} from './stripe-account-status.js';
import { StripeAccountNotFoundError } from './stripe-connect.errors.js';

const SNAPSHOT_FIELDS = {
  stripeAccountId: true,
  stripeAccountStatus: true,
  stripeChargesEnabled: true,
  stripePayoutsEnabled: true,
  stripeDetailsSubmitted: true,
  stripeRequirementsDue: true,
  stripeDisabledReason: true,
  stripeSyncedAt: true,
  stripeCurrentlyDue: true,
  stripePastDue: true,
  stripeEventuallyDue: true,
  stripePendingVerification: true,
  stripeCurrentDeadline: true,
  stripeRequirementErrors: true,
  stripeCapabilities: true,
  stripeBankAccountId: true,
  stripeBankAccountStatus: true,
  stripePayoutFailureId: true,
  stripePayoutFailureCode: true,
  stripePayoutFailureMessage: true,
  stripePayoutFailedAt: true,
  stripePayoutFailureBankAccountId: true,
  stripeDisconnectedAt: true,
} as const satisfies Prisma.CreatorProfileSelect;
type Snapshot = Prisma.CreatorProfileGetPayload<{ select: typeof SNAPSHOT_FIELDS }>;

/** The longest the SDK waits between two retries of one call. */
const STRIPE_RETRY_DELAY_ALLOWANCE_MS = 5_000;
/** Room for the transaction's own statements around the Stripe call. */
const DATABASE_WORK_ALLOWANCE_MS = 2_000;

/** A payout Stripe reported failed (`payout.failed`). */
export interface PayoutFailure {
  payoutId: string;
  code: string;
  /** Stripe's `failure_message`, in English. */
  message: string | null;
  /** When Stripe reported it (the event's `created`). */
  failedAt: Date;
  bankAccountId: string | null;
}

/** A profile's row, locked for the rest of the transaction, with the database's clock read after the lock. */
interface LockedProfile {
  stripeAccountId: string | null;
  stripeAccountStatus: Snapshot['stripeAccountStatus'];
  lockedAt: Date;
}

/**
 * A creator's copy of their Stripe account. Every path that updates it (webhook, manual sync, return URL,
 * reconciliation) reads the account from Stripe and stores that read, one at a time per account: the profile's row
 * is locked (`SELECT … FOR UPDATE`, so on every instance) from before the read until the write, and the
 * snapshot's time is the database's clock once the lock is held. So the last read stored is the last one made,
 * whatever order Stripe's events arrive in.
 */
@Injectable()
export class AccountStatusService {
  private readonly logger = new Logger('StripeAccounts');

  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The stored snapshot, as last read from Stripe, with what the creator should do next; no Stripe call. */
  async get(userId: string, acceptLanguage?: string): Promise<StripeConnectStatusResponseDto> {
    const snapshot = await this.profiles.findForUser(userId, SNAPSHOT_FIELDS);
    const account = accountFactsOf(snapshot);
    const state = deriveConnectState(connectionOf(snapshot), this.config.stripeConnect);
    const language = negotiateLanguage(acceptLanguage);
    return {
      stripeAccountId: snapshot.stripeAccountId,
      status: snapshot.stripeAccountStatus,
      chargesEnabled: snapshot.stripeChargesEnabled,
      payoutsEnabled: snapshot.stripePayoutsEnabled,
      detailsSubmitted: snapshot.stripeDetailsSubmitted,
      requirementsDue: snapshot.stripeRequirementsDue,
      disabledReason: snapshot.stripeDisabledReason,
      syncedAt: snapshot.stripeSyncedAt?.toISOString() ?? null,
      nextAction: state.nextAction,
      nextActionDeadline: state.nextActionDeadline?.toISOString() ?? null,
      requirements: {
        ...account.requirements,
        currentDeadline: account.requirements.currentDeadline?.toISOString() ?? null,
      },
      capabilities: {
        ...Object.fromEntries(
          this.config.stripeConnect.requiredCapabilities.map((name) => [name, 'unrequested' as const]),
        ),
        ...account.capabilities,
      },
      lastPayoutFailure:
        snapshot.stripePayoutFailureId && snapshot.stripePayoutFailureCode && snapshot.stripePayoutFailedAt
          ? {
              payoutId: snapshot.stripePayoutFailureId,
              code: snapshot.stripePayoutFailureCode,
              message: describePayoutFailure(
                snapshot.stripePayoutFailureCode,
                snapshot.stripePayoutFailureMessage,
                language,
              ),
              failedAt: snapshot.stripePayoutFailedAt.toISOString(),
            }
          : null,
      disconnectedAt: snapshot.stripeDisconnectedAt?.toISOString() ?? null,
    };
  }

  /** Re-reads the account from Stripe, stores it, and answers the new snapshot. */
  async sync(
    userId: string,
    acceptLanguage?: string,
    context?: RequestContext,
  ): Promise<StripeConnectStatusResponseDto> {
    const profile = await this.profiles.findForUser(userId, { id: true, stripeAccountId: true });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    await this.refreshFromStripe(profile.id, profile.stripeAccountId, context);
    return this.get(userId, acceptLanguage);
  }

  /**
   * Reads the account from Stripe and stores the read; false when the profile no longer holds this account or a
   * later read was already stored. An account Stripe no longer lets us reach is archived (true: that was stored).
   */
  async refreshFromStripe(
    creatorProfileId: string,
    stripeAccountId: string,
    context?: RequestContext,
  ): Promise<boolean> {
    const stored = await this.whileLocked(creatorProfileId, stripeAccountId, async (tx, profile) => {
      let account: StripeAccountFacts;
      try {
        account = await this.stripe.readAccount(stripeAccountId, context);
      } catch (error) {
        if (!isAccountAccessRevoked(error)) throw error;
        await this.archive(tx, creatorProfileId, stripeAccountId, profile, 'ACCOUNT_INVALID');
        return true;
      }
      const { count } = await tx.creatorProfile.updateMany({
        where: {
          id: creatorProfileId,
          OR: [{ stripeStateAt: null }, { stripeStateAt: { lt: profile.lockedAt } }],
        },
        data: this.snapshotOf(account, profile.lockedAt),
      });
      return count === 1;
    });
    return stored ?? false;
  }

  /**
   * Stores a failed payout of the account; false when a later failure is already stored, or the profile no longer
   * holds the account.
   */
  async recordPayoutFailure(
    creatorProfileId: string,
    stripeAccountId: string,
    failure: PayoutFailure,
  ): Promise<boolean> {
    const { count } = await this.prisma.creatorProfile.updateMany({
      where: {
        id: creatorProfileId,
        stripeAccountId,
        OR: [{ stripePayoutFailedAt: null }, { stripePayoutFailedAt: { lte: failure.failedAt } }],
      },
      data: {
        stripePayoutFailureId: failure.payoutId,
        stripePayoutFailureCode: failure.code,
        stripePayoutFailureMessage: failure.message,
        stripePayoutFailedAt: failure.failedAt,
        stripePayoutFailureBankAccountId: failure.bankAccountId,
      },
    });
    return count === 1;
  }

  /**
   * The account holder disconnected the platform, or Stripe said the account is out of our reach: the account is
   * archived and the creator can onboard a new one. False when the profile no longer holds the account.
   */
  async disconnect(
    creatorProfileId: string,
    stripeAccountId: string,
    reason: StripeAccountDisconnection,
  ): Promise<boolean> {
    const archived = await this.whileLocked(creatorProfileId, stripeAccountId, async (tx, profile) => {
      await this.archive(tx, creatorProfileId, stripeAccountId, profile, reason);
      return true;
    });
    return archived ?? false;
  }

  /**
   * Runs `work` with the profile's row locked, if the profile still holds `stripeAccountId`; null otherwise. The
   * transaction may last as long as the slowest Stripe call it makes, retries included.
   */
  private whileLocked<T>(
    creatorProfileId: string,
    stripeAccountId: string,
    work: (tx: Prisma.TransactionClient, profile: LockedProfile) => Promise<T>,
  ): Promise<T | null> {
    const { stripe, database } = this.config;
    const stripeBudgetMs =
      stripe.mode === 'unconfigured'
        ? 0
        : stripe.timeoutMs * (stripe.maxNetworkRetries + 1) +
          STRIPE_RETRY_DELAY_ALLOWANCE_MS * stripe.maxNetworkRetries;
    return this.prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<
          { stripe_account_id: string | null; stripe_account_status: Snapshot['stripeAccountStatus'] }[]
        >`SELECT stripe_account_id, stripe_account_status FROM creator_profiles
          WHERE id = ${creatorProfileId}::uuid FOR UPDATE`;
        if (row?.stripe_account_id !== stripeAccountId) return null;
        const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
        return work(tx, {
          stripeAccountId: row.stripe_account_id,
          stripeAccountStatus: row.stripe_account_status,
          lockedAt: clock?.now ?? new Date(),
        });
      },
      { maxWait: database.connectTimeoutMs, timeout: stripeBudgetMs + DATABASE_WORK_ALLOWANCE_MS },
    );
  }

  private async archive(
    tx: Prisma.TransactionClient,
    creatorProfileId: string,
    stripeAccountId: string,
    profile: LockedProfile,
    reason: StripeAccountDisconnection,
  ): Promise<void> {
    await tx.archivedStripeAccount.createMany({
      data: [{ stripeAccountId, creatorProfileId, reason, lastStatus: profile.stripeAccountStatus }],
      skipDuplicates: true,
    });
    await tx.creatorProfile.update({
      where: { id: creatorProfileId },
      data: {
        ...this.snapshotOf(DISCONNECTED, profile.lockedAt),
        stripeAccountId: null,
        stripeAccountStatus: 'PENDING',
        stripeDisconnectedAt: profile.lockedAt,
        // The next account is a new one: the last creation's key would have Stripe answer with the archived account.
        stripeAccountCreationAttempt: { increment: 1 },
        stripePayoutFailureId: null,
        stripePayoutFailureCode: null,
        stripePayoutFailureMessage: null,
        stripePayoutFailedAt: null,
        stripePayoutFailureBankAccountId: null,
      },
    });
    this.logger.warn(
      { creatorProfileId, stripeAccountId, reason },
      'Stripe account disconnected and archived',
    );
  }

  private snapshotOf(account: StripeAccountFacts, readAt: Date) {
    const { requirements } = account;
    return {
      stripeAccountStatus: deriveConnectState({ account, lastPayoutFailure: null }, this.config.stripeConnect)
        .status,
      stripeDetailsSubmitted: account.detailsSubmitted,
      stripeChargesEnabled: account.chargesEnabled,
      stripePayoutsEnabled: account.payoutsEnabled,
      stripeDisabledReason: account.disabledReason,
      stripeRequirementsDue: [...new Set([...requirements.pastDue, ...requirements.currentlyDue])],
      stripeCurrentlyDue: requirements.currentlyDue,
      stripePastDue: requirements.pastDue,
      stripeEventuallyDue: requirements.eventuallyDue,
      stripePendingVerification: requirements.pendingVerification,
      stripeCurrentDeadline: requirements.currentDeadline,
      stripeRequirementErrors: requirements.errors as unknown as Prisma.InputJsonArray,
      stripeCapabilities: account.capabilities,
      stripeBankAccountId: account.bankAccount?.id ?? null,
      stripeBankAccountStatus: account.bankAccount?.status ?? null,
      stripeStateAt: readAt,
      stripeSyncedAt: readAt,
    } satisfies Prisma.CreatorProfileUpdateManyMutationInput;
  }
}

/** What an archived account leaves on the profile: nothing of Stripe's. */
const DISCONNECTED: StripeAccountFacts = {
  detailsSubmitted: false,
  chargesEnabled: false,
  payoutsEnabled: false,
  disabledReason: null,
  requirements: NO_REQUIREMENTS,
  capabilities: {},
  bankAccount: null,
};

function accountFactsOf(snapshot: Snapshot): StripeAccountFacts {
  return {
    detailsSubmitted: snapshot.stripeDetailsSubmitted,
    chargesEnabled: snapshot.stripeChargesEnabled,
    payoutsEnabled: snapshot.stripePayoutsEnabled,
    disabledReason: snapshot.stripeDisabledReason,
    requirements: {
      currentlyDue: snapshot.stripeCurrentlyDue,
      pastDue: snapshot.stripePastDue,
      eventuallyDue: snapshot.stripeEventuallyDue,
      pendingVerification: snapshot.stripePendingVerification,
      currentDeadline: snapshot.stripeCurrentDeadline,
      errors: snapshot.stripeRequirementErrors as unknown as RequirementError[],
    },
    capabilities: snapshot.stripeCapabilities as Record<string, CapabilityStatus>,
    bankAccount: snapshot.stripeBankAccountId
      ? { id: snapshot.stripeBankAccountId, status: snapshot.stripeBankAccountStatus ?? 'new' }
      : null,
  };
}

function connectionOf(snapshot: Snapshot): CreatorConnection {
  if (!snapshot.stripeAccountId) return { account: null, disconnectedAt: snapshot.stripeDisconnectedAt };
  return {
    account: accountFactsOf(snapshot),
    lastPayoutFailure: snapshot.stripePayoutFailureCode
      ? { code: snapshot.stripePayoutFailureCode, bankAccountId: snapshot.stripePayoutFailureBankAccountId }
      : null,
  };
}
