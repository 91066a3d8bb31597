import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { InjectConfig } from '../../../platform/config/config.module.js';
import { StripeServiceUnavailableError } from './stripe.errors.js';
import { STRIPE_CLIENT } from './stripe-client.js';

/** What we keep of an account each time we read it from Stripe. */
export interface StripeAccountRead {
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  disabledReason: string | null;
  /** `past_due` then `currently_due`, without repeats. */
  requirementsDue: string[];
}

export interface HostedLink {
  url: string;
  expiresAt: Date;
}

/**
 * Every call this app makes to Stripe, in the feature's words. SDK failures propagate as they are and become
 * `creator.stripe.*` answers through the feature's translator (stripe-failure.translator.ts).
 */
@Injectable()
export class StripeGateway {
  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * A new Express account for a creator. The idempotency key is derived from the creator, so concurrent or retried
   * creations for one creator all get the same account.
   */
  async createExpressAccount(creatorProfileId: string): Promise<string> {
    const account = await this.client().accounts.create(
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
    return account.id;
  }

  async createOnboardingLink(
    stripeAccountId: string,
    urls: { refreshUrl: string; returnUrl: string },
  ): Promise<HostedLink> {
    const link = await this.client().accountLinks.create({
      account: stripeAccountId,
      type: 'account_onboarding',
      refresh_url: urls.refreshUrl,
      return_url: urls.returnUrl,
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1_000) };
  }

  /** A single-use login URL to the account's Express dashboard. */
  async createDashboardLoginLink(stripeAccountId: string): Promise<string> {
    return (await this.client().accounts.createLoginLink(stripeAccountId)).url;
  }

  async readAccount(stripeAccountId: string): Promise<StripeAccountRead> {
    const account = await this.client().accounts.retrieve(stripeAccountId);
    return {
      detailsSubmitted: account.details_submitted ?? false,
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      disabledReason: account.requirements?.disabled_reason ?? null,
      requirementsDue: [
        ...new Set([
          ...(account.requirements?.past_due ?? []),
          ...(account.requirements?.currently_due ?? []),
        ]),
      ],
    };
  }

  /**
   * What Stripe recorded about a connected account since `since` (its events, read on its behalf as Stripe lists
   * them), oldest first: the order they happened in. Stripe keeps events for 30 days.
   */
  async listAccountEventsSince(stripeAccountId: string, since: Date): Promise<Stripe.Event[]> {
    const events: Stripe.Event[] = [];
    const pages = this.client().events.list(
      { created: { gte: Math.floor(since.getTime() / 1_000) }, limit: 100 },
      { stripeAccount: stripeAccountId },
    );
    for await (const event of pages) events.push(event);
    return events.reverse();
  }

  /** The event a webhook delivery carries, once its signature over the raw body checks out; throws otherwise. */
  verifyWebhookEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event {
    return this.client().webhooks.constructEvent(rawBody, signature, secret);
  }

  /** The configured signing secret of webhook deliveries, if any. */
  get webhookSecret(): string | undefined {
    return this.config.stripe.mode === 'remote' ? this.config.stripe.webhookSecret : undefined;
  }

  private client(): Stripe {
    if (!this.stripe) throw new StripeServiceUnavailableError();
    return this.stripe;
  }
}
