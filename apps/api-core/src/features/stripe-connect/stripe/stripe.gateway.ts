import { Inject, Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { InjectConfig } from '../../../platform/config/config.module.js';
import {
  type RequestContext,
  requestLogFields,
  type StripeCallLog,
} from '../../../platform/http/request-context.js';
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

/** A Stripe answer as the SDK hands it over: the response, or the error it threw. */
interface StripeAnswer {
  requestId?: string | null;
  statusCode?: number;
}

/**
 * Every call this app makes to Stripe, in the feature's words. SDK failures propagate as they are and become
 * `creator.stripe.*` answers through the feature's translator (stripe-failure.translator.ts).
 *
 * Every Stripe answer is logged with Stripe's request id, what Stripe support asks for first: on the access line of
 * the request it was made for (`context`), or on a line of its own for a call made outside any request or answered
 * after its request's line was written (the client gave up first).
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger('Stripe');

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * A new Express account for a creator, requesting the platform's capabilities. The idempotency key is derived
   * from the creator and the attempt, so concurrent or retried creations of one attempt all get the same account.
   */
  async createExpressAccount(
    creatorProfileId: string,
    attempt: number,
    context?: RequestContext,
  ): Promise<string> {
    const { requestedCapabilities, country } = this.config.stripeConnect;
    const account = await this.call(context, 'POST', '/v1/accounts', (client) =>
      client.accounts.create(
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
      ),
    );
    return account.id;
  }

  /** The account Stripe created for this creator since `since`, if any (an attempt whose answer we never got). */
  async findExpressAccountCreatedFor(
    creatorProfileId: string,
    since: Date,
    context?: RequestContext,
  ): Promise<string | null> {
    const created = { gte: Math.floor(since.getTime() / 1_000) - CREATION_CLOCK_SLACK_SECONDS };
    const recent = this.listed(context, '/v1/accounts', (client, startingAfter) =>
      client.accounts.list({ created, limit: 100, ...(startingAfter && { starting_after: startingAfter }) }),
    );
    for await (const account of recent) {
      if (account.metadata?.creatorProfileId === creatorProfileId) return account.id;
    }
    return null;
  }

  async createOnboardingLink(
    stripeAccountId: string,
    collection: OnboardingCollection,
    urls: { refreshUrl: string; returnUrl: string },
    context?: RequestContext,
  ): Promise<HostedLink> {
    const link = await this.call(context, 'POST', '/v1/account_links', (client) =>
      client.accountLinks.create({
        account: stripeAccountId,
        type: 'account_onboarding',
        refresh_url: urls.refreshUrl,
        return_url: urls.returnUrl,
        ...(collection === 'currently_due' && {
          collection_options: { fields: 'currently_due', future_requirements: 'omit' },
        }),
      }),
    );
    return { url: link.url, expiresAt: new Date(link.expires_at * 1_000) };
  }

  /** A single-use login URL to the account's Express dashboard. */
  async createDashboardLoginLink(stripeAccountId: string, context?: RequestContext): Promise<string> {
    const path = `/v1/accounts/${stripeAccountId}/login_links`;
    return (
      await this.call(context, 'POST', path, (client) => client.accounts.createLoginLink(stripeAccountId))
    ).url;
  }

  async readAccount(stripeAccountId: string, context?: RequestContext): Promise<StripeAccountFacts> {
    const account = await this.call(context, 'GET', `/v1/accounts/${stripeAccountId}`, (client) =>
      client.accounts.retrieve(stripeAccountId),
    );
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
    const created = { gte: Math.floor(since.getTime() / 1_000) };
    const events: Stripe.Event[] = [];
    const pages = this.listed(undefined, '/v1/events', (client, startingAfter) =>
      client.events.list(
        { created, limit: 100, ...(startingAfter && { starting_after: startingAfter }) },
        { stripeAccount: stripeAccountId },
      ),
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

  /** One SDK call (its retries included), and Stripe's answer logged: its request id, status and how long it took. */
  private async call<Answer extends { lastResponse: StripeAnswer }>(
    context: RequestContext | undefined,
    method: 'GET' | 'POST',
    path: string,
    send: (client: Stripe) => Promise<Answer>,
  ): Promise<Answer> {
    const client = this.client();
    const startedAt = performance.now();
    const log = ({ requestId, statusCode }: StripeAnswer) => {
      // A call Stripe never answered (a timeout, a dropped connection) has nothing of Stripe's to log.
      if (statusCode === undefined) return;
      const elapsedMs = Math.round(performance.now() - startedAt);
      this.logAnswer(context, {
        stripeRequestId: requestId ?? null,
        method,
        path,
        status: statusCode,
        elapsedMs,
      });
    };
    try {
      const answer = await send(client);
      log(answer.lastResponse);
      return answer;
    } catch (error) {
      log(error as StripeAnswer);
      throw error;
    }
  }

  /** Every item of a Stripe list, page after page, each page one logged call. */
  private async *listed<Item extends { id: string }>(
    context: RequestContext | undefined,
    path: string,
    page: (
      client: Stripe,
      startingAfter: string | undefined,
    ) => Promise<Stripe.Response<Stripe.ApiList<Item>>>,
  ): AsyncGenerator<Item> {
    let startingAfter: string | undefined;
    for (;;) {
      const list = await this.call(context, 'GET', path, (client) => page(client, startingAfter));
      yield* list.data;
      startingAfter = list.data.at(-1)?.id;
      if (!list.has_more || startingAfter === undefined) return;
    }
  }

  private logAnswer(context: RequestContext | undefined, call: StripeCallLog): void {
    if (!context || context.accessLineWritten)
      this.logger.log({ ...requestLogFields(context), ...call }, 'Stripe call');
    else if (context.stripeCalls) context.stripeCalls.push(call);
    else context.stripeCalls = [call];
  }
}
