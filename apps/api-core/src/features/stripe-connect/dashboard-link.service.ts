import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../platform/http/request-context.js';
import { AccountStatusService } from './account-status.service.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectDashboardLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import { isAccountAccessRevoked } from './stripe/stripe-failure.translator.js';
import { StripeAccountNotActiveError, StripeAccountNotFoundError } from './stripe-connect.errors.js';

/** The seed's capability: a creator whose Stripe account is ACTIVE opens their Express dashboard. */
@Injectable()
export class DashboardLinkService {
  constructor(
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
  ) {}

  /**
   * A fresh single-use Express dashboard URL for an ACTIVE creator. Writes only when Stripe says the account is out
   * of the platform's reach: it is archived (the creator can start again), and the caller still gets Stripe's no.
   */
  async createFor(userId: string, context?: RequestContext): Promise<StripeConnectDashboardLinkResponseDto> {
    const profile = await this.profiles.findForUser(userId, {
      id: true,
      stripeAccountId: true,
      stripeAccountStatus: true,
    });
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    if (profile.stripeAccountStatus !== 'ACTIVE')
      throw new StripeAccountNotActiveError(profile.stripeAccountStatus);
    try {
      return { url: await this.stripe.createDashboardLoginLink(profile.stripeAccountId, context) };
    } catch (error) {
      if (isAccountAccessRevoked(error))
        await this.accountStatus.disconnect(profile.id, profile.stripeAccountId, 'ACCOUNT_INVALID');
      throw error;
    }
  }
}
