import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { StripeProvider } from '../payment/stripe.provider.js';
import {
  NotCreatorError,
  StripeAccountNotActiveError,
  StripeAccountNotFoundError,
} from './creator.errors.js';
import type { StripeConnectDashboardLinkResponseDto } from './dto/stripe-connect-response.dto.js';

@Injectable()
export class StripeConnectService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly stripe: StripeProvider,
  ) {}

  /** A fresh single-use Express dashboard URL for an ACTIVE creator; reads only, writes nothing. */
  async getDashboardLink(userId: string): Promise<StripeConnectDashboardLinkResponseDto> {
    const profile = await this.prisma.creatorProfile.findUnique({
      where: { userId },
      select: { stripeAccountId: true, stripeAccountStatus: true },
    });
    if (!profile) throw new NotCreatorError();
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    if (profile.stripeAccountStatus !== 'ACTIVE')
      throw new StripeAccountNotActiveError(profile.stripeAccountStatus);
    const loginLink = await this.stripe.requireStripe().accounts.createLoginLink(profile.stripeAccountId);
    return { url: loginLink.url };
  }
}
