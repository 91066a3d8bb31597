import { Injectable } from '@nestjs/common';
import { StripeProvider } from '../payment/stripe.provider.js';
import { StripeAccountNotActiveError, StripeAccountNotFoundError } from './creator.errors.js';
import { CreatorProfiles } from './creator-profiles.js';
import type {
  StripeConnectDashboardLinkResponseDto,
  StripeConnectStatusResponseDto,
} from './dto/stripe-connect-response.dto.js';
import { StripeAccountSnapshotService } from './stripe-account-snapshot.service.js';

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

@Injectable()
export class StripeConnectService {
  constructor(
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeProvider,
    private readonly snapshots: StripeAccountSnapshotService,
  ) {}

  /** A fresh single-use Express dashboard URL for an ACTIVE creator; reads only, writes nothing. */
  async getDashboardLink(userId: string): Promise<StripeConnectDashboardLinkResponseDto> {
    const profile = await this.profiles.findForUser(userId, {
      stripeAccountId: true,
      stripeAccountStatus: true,
    });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    if (profile.stripeAccountStatus !== 'ACTIVE')
      throw new StripeAccountNotActiveError(profile.stripeAccountStatus);
    const loginLink = await this.stripe.requireStripe().accounts.createLoginLink(profile.stripeAccountId);
    return { url: loginLink.url };
  }

  /** The stored snapshot, as last read from Stripe; no Stripe call. */
  async getStatus(userId: string): Promise<StripeConnectStatusResponseDto> {
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
  async syncStatus(userId: string): Promise<StripeConnectStatusResponseDto> {
    const profile = await this.profiles.findForUser(userId, { id: true, stripeAccountId: true });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    await this.snapshots.refreshFromStripe(profile.id, profile.stripeAccountId);
    return this.getStatus(userId);
  }
}
