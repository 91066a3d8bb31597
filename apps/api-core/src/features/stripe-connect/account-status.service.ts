import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectStatusResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import { deriveStripeAccountStatus } from './stripe-account-status.js';
import { StripeAccountNotFoundError } from './stripe-connect.errors.js';

const STATUS_FIELDS = {
  stripeAccountId: true,
  stripeAccountStatus: true,
  stripeChargesEnabled: true,
  stripePayoutsEnabled: true,
  stripeDetailsSubmitted: true,
  stripeRequirementsDue: true,
  stripeDisabledReason: true,
  stripeSyncedAt: true,
} as const;

/**
 * A creator's copy of their Stripe account. Every path that updates it (webhook, manual sync, return URL) reads the
 * account from Stripe and stores that read, so the order in which Stripe delivers events cannot matter: a snapshot
 * is only replaced by one read later than it.
 */
@Injectable()
export class AccountStatusService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
  ) {}

  /** The stored snapshot, as last read from Stripe; no Stripe call. */
  async get(userId: string): Promise<StripeConnectStatusResponseDto> {
    const profile = await this.profiles.findForUser(userId, STATUS_FIELDS);
    return {
      stripeAccountId: profile.stripeAccountId,
      status: profile.stripeAccountStatus,
      chargesEnabled: profile.stripeChargesEnabled,
      payoutsEnabled: profile.stripePayoutsEnabled,
      detailsSubmitted: profile.stripeDetailsSubmitted,
      requirementsDue: profile.stripeRequirementsDue,
      disabledReason: profile.stripeDisabledReason,
      syncedAt: profile.stripeSyncedAt?.toISOString() ?? null,
    };
  }

  /** Re-reads the account from Stripe, stores it, and answers the new snapshot. */
  async sync(userId: string): Promise<StripeConnectStatusResponseDto> {
    const profile = await this.profiles.findForUser(userId, { id: true, stripeAccountId: true });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    await this.refreshFromStripe(profile.id, profile.stripeAccountId);
    return this.get(userId);
  }

  /** Reads the account from Stripe and stores the read; false when a fresher one was already stored. */
  async refreshFromStripe(creatorProfileId: string, stripeAccountId: string): Promise<boolean> {
    const account = await this.stripe.readAccount(stripeAccountId);
    const readAt = new Date();
    const { count } = await this.prisma.creatorProfile.updateMany({
      where: {
        id: creatorProfileId,
        stripeAccountId,
        OR: [{ stripeStateAt: null }, { stripeStateAt: { lt: readAt } }],
      },
      data: {
        stripeAccountStatus: deriveStripeAccountStatus(account),
        stripeDetailsSubmitted: account.detailsSubmitted,
        stripeChargesEnabled: account.chargesEnabled,
        stripePayoutsEnabled: account.payoutsEnabled,
        stripeDisabledReason: account.disabledReason,
        stripeRequirementsDue: account.requirementsDue,
        stripeStateAt: readAt,
        stripeSyncedAt: readAt,
      },
    });
    return count === 1;
  }
}
