import { Injectable } from '@nestjs/common';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectDashboardLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import { StripeAccountNotActiveError, StripeAccountNotFoundError } from './stripe-connect.errors.js';

/** The seed's capability: a creator whose Stripe account is ACTIVE opens their Express dashboard. */
@Injectable()
export class DashboardLinkService {
  constructor(
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
  ) {}

  /** A fresh single-use Express dashboard URL for an ACTIVE creator; reads only, writes nothing. */
  async createFor(userId: string): Promise<StripeConnectDashboardLinkResponseDto> {
    const profile = await this.profiles.findForUser(userId, {
      stripeAccountId: true,
      stripeAccountStatus: true,
    });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    if (profile.stripeAccountStatus !== 'ACTIVE')
      throw new StripeAccountNotActiveError(profile.stripeAccountStatus);
    return { url: await this.stripe.createDashboardLoginLink(profile.stripeAccountId) };
  }
}
