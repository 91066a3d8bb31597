import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { apiPath } from '../../routes.js';
import { AccountStatusService } from './account-status.service.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectOnboardingLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import {
  NotCreatorError,
  OnboardingStateInvalidError,
  StripeAccountAlreadyActiveError,
  StripeAccountNotFoundError,
} from './stripe-connect.errors.js';

const ONBOARDING_STATE_TTL_SECONDS = 86_400;

/** Where a redirect route sends the browser (a 302 through Nest's `@Redirect()`). */
export interface RedirectTarget {
  url: string;
}

interface OnboardingState {
  userId: string;
  stripeAccountId: string;
}

/** Takes a creator through Stripe-hosted onboarding of an Express account, and back to the web app. */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Creates the creator's Express account on first use, then a fresh hosted onboarding link for it. */
  async createLink(userId: string): Promise<StripeConnectOnboardingLinkResponseDto> {
    const profile = await this.onboardableProfile(userId);
    const stripeAccountId = profile.stripeAccountId ?? (await this.createExpressAccount(profile.id));
    return this.onboardingLink(userId, stripeAccountId);
  }

  /** A fresh link for an account that exists, for when the previous one expired or its tab was closed. */
  async refreshLink(userId: string): Promise<StripeConnectOnboardingLinkResponseDto> {
    const profile = await this.onboardableProfile(userId);
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    return this.onboardingLink(userId, profile.stripeAccountId);
  }

  /** Stripe's `refresh_url`: the link expired or was used, so mint another and go there. */
  async refreshUrlTarget(state: string | undefined): Promise<RedirectTarget> {
    const { userId, stripeAccountId } = await this.verifyState(state);
    const profile = await this.prisma.creatorProfile.findUnique({
      where: { userId },
      select: { stripeAccountStatus: true },
    });
    if (profile?.stripeAccountStatus === 'ACTIVE') return this.appTarget('ACTIVE');
    return { url: (await this.onboardingLink(userId, stripeAccountId)).url };
  }

  /** Stripe's `return_url`: the creator left the hosted flow; read the account now and go back to the web app. */
  async returnUrlTarget(state: string | undefined): Promise<RedirectTarget> {
    const { userId, stripeAccountId } = await this.verifyState(state);
    const profile = await this.prisma.creatorProfile.findUnique({ where: { userId }, select: { id: true } });
    if (!profile) throw new NotCreatorError();
    await this.accountStatus.refreshFromStripe(profile.id, stripeAccountId);
    const { stripeAccountStatus } = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: profile.id },
      select: { stripeAccountStatus: true },
    });
    return this.appTarget(stripeAccountStatus);
  }

  private async onboardableProfile(userId: string) {
    const profile = await this.profiles.findForUser(userId, {
      id: true,
      stripeAccountId: true,
      stripeAccountStatus: true,
    });
    if (profile.stripeAccountStatus === 'ACTIVE') throw new StripeAccountAlreadyActiveError();
    return profile;
  }

  /**
   * One account per creator however many calls race: Stripe answers every create carrying this creator's
   * idempotency key with the same account, and only the first write of its id to the profile lands.
   */
  private async createExpressAccount(creatorProfileId: string): Promise<string> {
    const accountId = await this.stripe.createExpressAccount(creatorProfileId);
    await this.prisma.creatorProfile.updateMany({
      where: { id: creatorProfileId, stripeAccountId: null },
      data: { stripeAccountId: accountId, stripeAccountStatus: 'PENDING' },
    });
    const { stripeAccountId } = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creatorProfileId },
      select: { stripeAccountId: true },
    });
    return stripeAccountId ?? accountId;
  }

  private async onboardingLink(
    userId: string,
    stripeAccountId: string,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    const state = await this.jwt.signAsync(
      { acct: stripeAccountId },
      { subject: userId, audience: this.stateAudience(), expiresIn: ONBOARDING_STATE_TTL_SECONDS },
    );
    const api = this.config.urls.publicApi;
    const link = await this.stripe.createOnboardingLink(stripeAccountId, {
      refreshUrl: `${api}${apiPath('stripeConnect', 'onboardingRefresh')}?state=${state}`,
      returnUrl: `${api}${apiPath('stripeConnect', 'onboardingReturn')}?state=${state}`,
    });
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  private async verifyState(state: string | undefined): Promise<OnboardingState> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; acct: string }>(state ?? '', {
        audience: this.stateAudience(),
      });
      return { userId: payload.sub, stripeAccountId: payload.acct };
    } catch (error) {
      throw new OnboardingStateInvalidError({ cause: error });
    }
  }

  /** Distinct from access tokens' audience, so neither kind of token can stand in for the other. */
  private stateAudience(): string {
    return `${this.config.jwt.audience}/stripe-onboarding`;
  }

  private appTarget(status: string): RedirectTarget {
    return { url: `${this.config.urls.app}/settings/payouts?stripeOnboarding=${status.toLowerCase()}` };
  }
}
