import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { PrismaService } from '../database/prisma.service.js';
import { StripeProvider } from '../payment/stripe.provider.js';
import { deriveStripeAccountStatus, type StripeAccountFacts } from './stripe-account-status.js';

export function factsOf(account: Stripe.Account): StripeAccountFacts {
  return {
    detailsSubmitted: account.details_submitted ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    disabledReason: account.requirements?.disabled_reason ?? null,
  };
}

/**
 * Keeps a creator's copy of their Stripe account current. Every path (webhook, manual sync, return URL) reads the
 * account from Stripe and stores that read, so the order in which Stripe delivers events cannot matter: a snapshot
 * is only replaced by one read later than it.
 */
@Injectable()
export class StripeAccountSnapshotService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly stripe: StripeProvider,
  ) {}

  /** Whether this read was stored (false when a fresher one already was). */
  async refreshFromStripe(creatorProfileId: string, stripeAccountId: string): Promise<boolean> {
    const account = await this.stripe.requireStripe().accounts.retrieve(stripeAccountId);
    const readAt = new Date();
    const facts = factsOf(account);
    const { count } = await this.prisma.creatorProfile.updateMany({
      where: {
        id: creatorProfileId,
        stripeAccountId,
        OR: [{ stripeStateAt: null }, { stripeStateAt: { lt: readAt } }],
      },
      data: {
        stripeAccountStatus: deriveStripeAccountStatus(facts),
        stripeDetailsSubmitted: facts.detailsSubmitted,
        stripeChargesEnabled: facts.chargesEnabled,
        stripePayoutsEnabled: facts.payoutsEnabled,
        stripeDisabledReason: facts.disabledReason,
        stripeRequirementsDue: [
          ...new Set([
            ...(account.requirements?.past_due ?? []),
            ...(account.requirements?.currently_due ?? []),
          ]),
        ],
        stripeStateAt: readAt,
        stripeSyncedAt: readAt,
      },
    });
    return count === 1;
  }
}
