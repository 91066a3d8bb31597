import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { InjectConfig } from '../../../platform/config/config.module.js';
import type { CapabilityStatus, StripeAccountFacts } from '../stripe-account-status.js';
import { StripeServiceUnavailableError } from './stripe.errors.js';
import { STRIPE_CLIENT } from './stripe-client.js';

export interface HostedLink {
  url: string;
  expiresAt: Date;
}

/** What an onboarding link collects: everything onboarding needs, or what an enabled account has due now. */
export type OnboardingCollection = 'onboarding' | 'currently_due';

/** Stripe's clocks and ours may disagree by this much when we look for an account Stripe created just now. */
const CREATION_CLOCK_SLACK_SECONDS = 300;

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
   * A new Express account for a creator, requesting the platform's capabilities. The idempotency key is derived
   * from the creator and the attempt, so concurrent or retried creations of one attempt all get the same account.
   */
  async createExpressAccount(creatorProfileId: string, attempt: number): Promise<string> {
    const { requestedCapabilities, country } = this.config.stripeConnect;
    const account = await this.client().accounts.create(
      {
        controller: {
          stripe_dashboard: { type: 'express' },
          fees: { payer: 'application' },
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
        },
        capabilities: Object.fromEntries(requestedCapabilities.map((name) => [name, { requested: true }])),
        ...(country && { country }),
        metadata: { creatorProfileId },
      },
      { idempotencyKey: `creator-profile-${creatorProfileId}-express-account-${attempt}` },
    );
    return account.id;
  }

  /** The account Stripe created for this creator since `since`, if any (an attempt whose answer we never got). */
  async findExpressAccountCreatedFor(creatorProfileId: string, since: Date): Promise<string | null> {
    const recent = this.client().accounts.list({
      created: { gte: Math.floor(since.getTime() / 1_000) - CREATION_CLOCK_SLACK_SECONDS },
      limit: 100,
    });
    for await (const account of recent) {
      if (account.metadata?.creatorProfileId === creatorProfileId) return account.id;
    }
    return null;
  }

  async createOnboardingLink(
    stripeAccountId: string,
    collection: OnboardingCollection,
    urls: { refreshUrl: string; returnUrl: string },
  ): Promise<HostedLink> {
    const link = await this.client().accountLinks.create({
      account: stripeAccountId,
      type: 'account_onboarding',
      refresh_url: urls.refreshUrl,
      return_url: urls.returnUrl,
      ...(collection === 'currently_due' && {
        collection_options: { fields: 'currently_due', future_requirements: 'omit' },
      }),
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1_000) };
  }

  /** A single-use login URL to the account's Express dashboard. */
  async createDashboardLoginLink(stripeAccountId: string): Promise<string> {
    return (await this.client().accounts.createLoginLink(stripeAccountId)).url;
  }

  async readAccount(stripeAccountId: string): Promise<StripeAccountFacts> {
    const account = await this.client().accounts.retrieve(stripeAccountId);
    const requirements = account.requirements;
    const bankAccounts = account.external_accounts?.data ?? [];
    const bankAccount = bankAccounts.find((external) => external.default_for_currency) ?? bankAccounts[0];
    return {
      detailsSubmitted: account.details_submitted ?? false,
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      disabledReason: requirements?.disabled_reason ?? null,
      requirements: {
        currentlyDue: requirements?.currently_due ?? [],
        pastDue: requirements?.past_due ?? [],
        eventuallyDue: requirements?.eventually_due ?? [],
        pendingVerification: requirements?.pending_verification ?? [],
        currentDeadline: requirements?.current_deadline
          ? new Date(requirements.current_deadline * 1_000)
          : null,
        errors: (requirements?.errors ?? []).map(({ requirement, code, reason }) => ({
          requirement,
          code,
          reason,
        })),
      },
      capabilities: Object.fromEntries(
        Object.entries(account.capabilities ?? {}).filter(
          (entry): entry is [string, CapabilityStatus] => typeof entry[1] === 'string',
        ),
      ),
      bankAccount: bankAccount
        ? { id: bankAccount.id, status: 'status' in bankAccount ? (bankAccount.status ?? 'new') : 'new' }
        : null,
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

  /**
   * The event a webhook delivery carries, once its signature over the raw body checks out with one of the
   * configured secrets (two while the endpoint's secret is rotated); throws the first secret's refusal otherwise.
   */
  verifyWebhookEvent(rawBody: Buffer, signature: string): Stripe.Event {
    const refusals: unknown[] = [];
    for (const secret of this.webhookSecrets) {
      try {
        return this.client().webhooks.constructEvent(rawBody, signature, secret);
      } catch (refusal) {
        refusals.push(refusal);
      }
    }
    throw refusals[0] ?? new StripeServiceUnavailableError();
  }

  /** Whether any webhook signing secret is configured. */
  get webhooksConfigured(): boolean {
    return this.webhookSecrets.length > 0;
  }

  /** Whether the key is a live one: events of the other mode are not ours to apply. */
  get livemode(): boolean {
    return this.config.stripe.mode === 'remote' && /^(sk|rk)_live_/.test(this.config.stripe.secretKey);
  }

  private get webhookSecrets(): string[] {
    return this.config.stripe.mode === 'remote' ? this.config.stripe.webhookSecrets : [];
  }

  private client(): Stripe {
    if (!this.stripe) throw new StripeServiceUnavailableError();
    return this.stripe;
  }
}
