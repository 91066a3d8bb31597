import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { OnboardingLinkExpiredError, OnboardingStateInvalidError } from './stripe-connect.errors.js';

/**
 * How long the refresh and return URLs of one onboarding link work: Stripe sends the browser to one of them when
 * the creator leaves the hosted flow, which rarely takes an hour; after that the creator starts again from the page.
 */
const ONBOARDING_STATE_TTL_MS = 60 * 60 * 1_000;

/** The creator and account a state was issued for. */
export interface OnboardingStateHolder {
  creatorProfileId: string;
  stripeAccountId: string;
}

/**
 * The `state` Stripe carries back in the refresh and return URLs. Stripe sends the browser back without our cookie,
 * so the state is what says who it is for; to be worth nothing to anyone else it is random (nothing to forge),
 * stored only as a digest, used once, short-lived, and good only while the creator still holds the account it
 * names (a deleted user's profile takes its states with it).
 */
@Injectable()
export class OnboardingStates {
  constructor(private readonly prisma: PrismaService) {}

  async issue(holder: OnboardingStateHolder): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.prisma.$transaction([
      // The creator's states that can no longer be used are dead weight.
      this.prisma.stripeOnboardingState.deleteMany({
        where: {
          creatorProfileId: holder.creatorProfileId,
          OR: [{ expiresAt: { lt: new Date(now) } }, { usedAt: { not: null } }],
        },
      }),
      this.prisma.stripeOnboardingState.create({
        data: { digest: digestOf(state), ...holder, expiresAt: new Date(now + ONBOARDING_STATE_TTL_MS) },
      }),
    ]);
    return state;
  }

  /** Uses the state up and answers whom it was for; throws when it is unknown, used, expired or outdated. */
  async consume(state: string | undefined): Promise<OnboardingStateHolder> {
    const digest = digestOf(state ?? '');
    const issued = await this.prisma.stripeOnboardingState.findUnique({
      where: { digest },
      select: {
        creatorProfileId: true,
        stripeAccountId: true,
        creatorProfile: { select: { stripeAccountId: true } },
      },
    });
    if (!issued) throw new OnboardingStateInvalidError();
    // One statement decides, so two browsers racing with the same state cannot both use it.
    const { count } = await this.prisma.stripeOnboardingState.updateMany({
      where: { digest, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (count === 0) throw new OnboardingLinkExpiredError();
    if (issued.creatorProfile.stripeAccountId !== issued.stripeAccountId)
      throw new OnboardingStateInvalidError();
    return { creatorProfileId: issued.creatorProfileId, stripeAccountId: issued.stripeAccountId };
  }
}

function digestOf(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
