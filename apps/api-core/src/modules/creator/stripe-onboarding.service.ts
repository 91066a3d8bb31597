import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config.js';
import { InjectConfig } from '../../config/config.module.js';
import { PrismaService } from '../database/prisma.service.js';
import { StripeProvider } from '../payment/stripe.provider.js';
import {
  NotCreatorError,
  OnboardingStateInvalidError,
  StripeAccountAlreadyActiveError,
  StripeAccountNotFoundError,
} from './creator.errors.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectOnboardingLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeAccountSnapshotService } from './stripe-account-snapshot.service.js';

const ONBOARDING_STATE_TTL_SECONDS = 86_400;
const ROUTES = '/api/v1/creators/stripe-connect/onboarding';

/** Where a redirect route sends the browser (rendered by `@Endpoint({ redirect: true })` as a 302). */
export interface RedirectTarget {
  url: string;
}

interface OnboardingState {
  userId: string;
  stripeAccountId: string;
}

/** Takes a creator through Stripe-hosted onboarding of an Express account, and back to the web app. */
@Injectable()
export class StripeOnboardingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeProvider,
    private readonly snapshots: StripeAccountSnapshotService,
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Creates the creator's Express account on first use, then a fresh hosted onboarding link for it. */
  async createOnboardingLink(userId: string): Promise<StripeConnectOnboardingLinkResponseDto> {
    const profile = await this.onboardableProfile(userId);
    const stripeAccountId = profile.stripeAccountId ?? (await this.createExpressAccount(profile.id));
    return this.onboardingLink(userId, stripeAccountId);
  }

  /** A fresh link for an account that exists, for when the previous one expired or its tab was closed. */
  async refreshOnboardingLink(userId: string): Promise<StripeConnectOnboardingLinkResponseDto> {
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
    await this.snapshots.refreshFromStripe(profile.id, stripeAccountId);
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
    const account = await this.stripe.requireStripe().accounts.create(
      {
        controller: {
          stripe_dashboard: { type: 'express' },
          fees: { payer: 'application' },
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
        },
        metadata: { creatorProfileId },
      },
      { idempotencyKey: `creator-profile-${creatorProfileId}-express-account` },
    );
    await this.prisma.creatorProfile.updateMany({
      where: { id: creatorProfileId, stripeAccountId: null },
      data: { stripeAccountId: account.id, stripeAccountStatus: 'PENDING' },
    });
    const { stripeAccountId } = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creatorProfileId },
      select: { stripeAccountId: true },
    });
    return stripeAccountId ?? account.id;
  }

  private async onboardingLink(
    userId: string,
    stripeAccountId: string,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    const state = await this.jwt.signAsync(
      { acct: stripeAccountId },
      { subject: userId, audience: this.stateAudience(), expiresIn: ONBOARDING_STATE_TTL_SECONDS },
    );
    const link = await this.stripe.requireStripe().accountLinks.create({
      account: stripeAccountId,
      type: 'account_onboarding',
      refresh_url: `${this.config.urls.publicApi}${ROUTES}/refresh?state=${state}`,
      return_url: `${this.config.urls.publicApi}${ROUTES}/return?state=${state}`,
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1_000).toISOString() };
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
