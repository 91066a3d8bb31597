import type { Prisma } from '@biore/database';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { PrismaService } from '../../platform/database/prisma.service.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { apiPath } from '../../routes.js';
import { AccountStatusService } from './account-status.service.js';
import { CreatorProfiles } from './creator-profiles.js';
import type { StripeConnectOnboardingLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { payoutsPageUrl } from './onboarding-landing.filter.js';
import { OnboardingStates } from './onboarding-states.js';
import { type OnboardingCollection, StripeGateway } from './stripe/stripe.gateway.js';
import { isAccountAccessRevoked, isStripeServerFailure } from './stripe/stripe-failure.translator.js';
import { StripeAccountAlreadyActiveError, StripeAccountNotFoundError } from './stripe-connect.errors.js';

/** After Stripe failed an account creation, how many times one request tries again under a new key. */
const CREATION_RETRIES = 1;

/** Where a redirect route sends the browser (a 302 through Nest's `@Redirect()`). */
export interface RedirectTarget {
  url: string;
}

const ONBOARDABLE_FIELDS = {
  id: true,
  stripeAccountId: true,
  stripeAccountStatus: true,
  stripeCurrentlyDue: true,
  stripePastDue: true,
} as const satisfies Prisma.CreatorProfileSelect;
type OnboardableProfile = Prisma.CreatorProfileGetPayload<{ select: typeof ONBOARDABLE_FIELDS }>;

/** Takes a creator through Stripe-hosted onboarding of an Express account, and back to the web app. */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: CreatorProfiles,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
    private readonly states: OnboardingStates,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Creates the creator's Express account on first use (or after the last one was disconnected), then a fresh
   * hosted link: onboarding for an account not yet ACTIVE, what is due for an ACTIVE one Stripe asks more of.
   */
  async createLink(
    userId: string,
    context?: RequestContext,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    const { profile, collection } = await this.onboardableProfile(userId);
    return this.linkFor(profile, collection, context);
  }

  /** A fresh link for an account that exists, for when the previous one expired or its tab was closed. */
  async refreshLink(
    userId: string,
    context?: RequestContext,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    const { profile, collection } = await this.onboardableProfile(userId);
    if (!profile.stripeAccountId) throw new StripeAccountNotFoundError();
    return this.linkFor(profile, collection, context);
  }

  /** Stripe's `refresh_url`: the link expired or was used, so mint another and go there. */
  async refreshUrlTarget(state: string | undefined, context?: RequestContext): Promise<RedirectTarget> {
    const { creatorProfileId } = await this.states.consume(state);
    const profile = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creatorProfileId },
      select: ONBOARDABLE_FIELDS,
    });
    const collection = collectionFor(profile);
    if (!collection) return this.landing(profile.stripeAccountStatus);
    return { url: (await this.linkFor(profile, collection, context)).url };
  }

  /** Stripe's `return_url`: the creator left the hosted flow; read the account now and go back to the web app. */
  async returnUrlTarget(state: string | undefined, context?: RequestContext): Promise<RedirectTarget> {
    const { creatorProfileId, stripeAccountId } = await this.states.consume(state);
    await this.accountStatus.refreshFromStripe(creatorProfileId, stripeAccountId, context);
    const { stripeAccountStatus } = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creatorProfileId },
      select: { stripeAccountStatus: true },
    });
    return this.landing(stripeAccountStatus);
  }

  private async onboardableProfile(
    userId: string,
  ): Promise<{ profile: OnboardableProfile; collection: OnboardingCollection }> {
    const profile = await this.profiles.findForUser(userId, ONBOARDABLE_FIELDS);
    const collection = collectionFor(profile);
    if (!collection) throw new StripeAccountAlreadyActiveError();
    return { profile, collection };
  }

  /**
   * A link for the creator's account, creating one if there is none. An account Stripe no longer lets us reach is
   * archived and replaced, so the creator starts again instead of being stuck on it.
   */
  private async linkFor(
    profile: OnboardableProfile,
    collection: OnboardingCollection,
    context: RequestContext | undefined,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    if (!profile.stripeAccountId)
      return this.onboardingLink(
        profile.id,
        await this.createAccount(profile.id, context),
        'onboarding',
        context,
      );
    try {
      return await this.onboardingLink(profile.id, profile.stripeAccountId, collection, context);
    } catch (error) {
      if (!isAccountAccessRevoked(error)) throw error;
      await this.accountStatus.disconnect(profile.id, profile.stripeAccountId, 'ACCOUNT_INVALID');
      return this.onboardingLink(
        profile.id,
        await this.createAccount(profile.id, context),
        'onboarding',
        context,
      );
    }
  }

  /**
   * One account per creator however many calls race: every create of one attempt carries the same idempotency
   * key, so Stripe answers all of them with the same account, and only the first write of its id lands.
   */
  private async createAccount(
    creatorProfileId: string,
    context: RequestContext | undefined,
  ): Promise<string> {
    const accountId = await this.createExpressAccount(creatorProfileId, context);
    await this.prisma.creatorProfile.updateMany({
      where: { id: creatorProfileId, stripeAccountId: null },
      data: { stripeAccountId: accountId, stripeAccountStatus: 'PENDING', stripeDisconnectedAt: null },
    });
    const { stripeAccountId } = await this.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creatorProfileId },
      select: { stripeAccountId: true },
    });
    return stripeAccountId ?? accountId;
  }

  /**
   * Stripe stores a 5xx under the request's idempotency key and replays it for 24 hours, so after one the attempt
   * number (hence the key) moves on. Stripe may have created the account before failing: it is looked for first
   * (by the creator's id in its metadata), so a retry under the new key cannot make a second one.
   */
  private async createExpressAccount(
    creatorProfileId: string,
    context: RequestContext | undefined,
  ): Promise<string> {
    const startedAt = new Date();
    for (let retry = 0; ; retry++) {
      const { stripeAccountCreationAttempt: attempt } = await this.prisma.creatorProfile.findUniqueOrThrow({
        where: { id: creatorProfileId },
        select: { stripeAccountCreationAttempt: true },
      });
      try {
        return await this.stripe.createExpressAccount(creatorProfileId, attempt, context);
      } catch (error) {
        if (!isStripeServerFailure(error)) throw error;
        // Concurrent failures of one attempt move it on once: their retries share the next key.
        await this.prisma.creatorProfile.updateMany({
          where: { id: creatorProfileId, stripeAccountCreationAttempt: attempt },
          data: { stripeAccountCreationAttempt: attempt + 1 },
        });
        const created = await this.stripe.findExpressAccountCreatedFor(creatorProfileId, startedAt, context);
        if (created) return created;
        if (retry >= CREATION_RETRIES) throw error;
      }
    }
  }

  private async onboardingLink(
    creatorProfileId: string,
    stripeAccountId: string,
    collection: OnboardingCollection,
    context: RequestContext | undefined,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    const state = await this.states.issue({ creatorProfileId, stripeAccountId });
    const api = this.config.urls.publicApi;
    const link = await this.stripe.createOnboardingLink(
      stripeAccountId,
      collection,
      {
        refreshUrl: `${api}${apiPath('stripeConnect', 'onboardingRefresh')}?state=${state}`,
        returnUrl: `${api}${apiPath('stripeConnect', 'onboardingReturn')}?state=${state}`,
      },
      context,
    );
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  private landing(status: string): RedirectTarget {
    return { url: payoutsPageUrl(this.config, { stripeOnboarding: status.toLowerCase() }) };
  }
}

/**
 * What a link for this profile collects: an ACTIVE account only what Stripe has due now (null when nothing is: the
 * creator has the dashboard instead), any other everything onboarding needs.
 */
function collectionFor(profile: OnboardableProfile): OnboardingCollection | null {
  if (profile.stripeAccountStatus !== 'ACTIVE') return 'onboarding';
  return profile.stripeCurrentlyDue.length + profile.stripePastDue.length > 0 ? 'currently_due' : null;
}
