import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { PrismaService } from '../../../platform/database/prisma.service.js';
import { type RequestContext, requestLogFields } from '../../../platform/http/request-context.js';
import { AccountStatusService } from '../account-status.service.js';
import type { StripeWebhookReceiptDto } from '../dto/stripe-webhook-receipt.dto.js';
import { StripeGateway } from '../stripe/stripe.gateway.js';
import { STRIPE_API_VERSION } from '../stripe/stripe-client.js';
import { StripeConnectMetrics } from '../stripe-connect.metrics.js';
import { isHandledStripeEvent } from './handled-events.js';
import {
  StripeWebhookNotConfiguredError,
  StripeWebhookSignatureInvalidError,
} from './stripe-webhook.errors.js';

/** What handling one event did (the webhook's receipt says the same). */
export type StripeEventOutcome = StripeWebhookReceiptDto['outcome'];

/**
 * Verifies and applies Stripe's events (HANDLED_STRIPE_EVENTS). An account's event is a cue to read the account
 * from Stripe rather than a state to copy, so duplicates, retries and out-of-order deliveries all converge on
 * Stripe's current state; a disconnection archives the account; a failed payout is recorded as Stripe reported it
 * (a payout does not change once failed). Event ids are stored so a redelivery does no work twice, on any instance.
 * What cannot be applied (another event type, an unknown account, the other mode) is acknowledged and ignored:
 * a refusal would only make Stripe retry it for days.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly prisma: PrismaService,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
    private readonly metrics: StripeConnectMetrics,
  ) {}

  /** A delivery to the webhook route: verified on its raw body, then handled as any event; each one counted. */
  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    context?: RequestContext,
  ): Promise<StripeWebhookReceiptDto> {
    const event = this.verify(rawBody, signature);
    this.metrics.observeDeliveryLag(Date.now() / 1_000 - event.created);
    try {
      const outcome = await this.handleEvent(event, context);
      this.metrics.countDelivery(outcome);
      return { eventId: event.id, outcome };
    } catch (error) {
      this.metrics.countDelivery('failed');
      throw error;
    }
  }

  /**
   * Applies one event Stripe sent (a verified delivery, or one the reconciliation replays from `GET /v1/events`)
   * and records its id, so the same event is worked on once whichever instance or path sees it again.
   */
  async handleEvent(event: Stripe.Event, context?: RequestContext): Promise<StripeEventOutcome> {
    const seen = await this.prisma.stripeWebhookEvent.findUnique({
      where: { id: event.id },
      select: { outcome: true },
    });
    if (seen) return 'DUPLICATE';
    const outcome = await this.apply(event, context);
    // A concurrent delivery of the same event may have recorded it first; either record tells the same story.
    await this.prisma.stripeWebhookEvent.createMany({
      data: [
        {
          id: event.id,
          type: event.type,
          accountId: accountIdOf(event),
          stripeCreatedAt: new Date(event.created * 1_000),
          outcome,
        },
      ],
      skipDuplicates: true,
    });
    this.logger.log(
      { ...requestLogFields(context), eventId: event.id, type: event.type, outcome },
      'Stripe event handled',
    );
    return outcome;
  }

  private verify(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!this.stripe.webhooksConfigured) {
      this.metrics.countDelivery('not_configured');
      throw new StripeWebhookNotConfiguredError();
    }
    try {
      return this.stripe.verifyWebhookEvent(rawBody ?? Buffer.alloc(0), signature ?? '');
    } catch (error) {
      this.metrics.countDelivery('signature_invalid');
      throw new StripeWebhookSignatureInvalidError({ cause: error });
    }
  }

  private async apply(event: Stripe.Event, context: RequestContext | undefined): Promise<AppliedOutcome> {
    if (event.livemode !== this.stripe.livemode) {
      // A test-mode event on a live key (or the reverse) names objects this key does not own.
      this.logger.warn(
        { ...requestLogFields(context), eventId: event.id, type: event.type, livemode: event.livemode },
        'Stripe event of the other mode than the key ignored: check which endpoint sends it',
      );
      return 'IGNORED';
    }
    if (event.api_version !== STRIPE_API_VERSION) {
      this.logger.warn(
        {
          ...requestLogFields(context),
          eventId: event.id,
          apiVersion: event.api_version,
          expected: STRIPE_API_VERSION,
        },
        'Stripe event rendered at another API version than the pinned one: set the endpoint’s api_version',
      );
    }
    const stripeAccountId = accountIdOf(event);
    if (!isHandledStripeEvent(event.type) || !stripeAccountId) return 'IGNORED';
    const holder = await this.prisma.creatorProfile.findUnique({
      where: { stripeAccountId },
      select: { id: true },
    });
    if (!holder) return 'IGNORED';
    const applied = await this.applyTo(event, holder.id, stripeAccountId, context);
    return applied ? 'APPLIED' : 'STALE';
  }

  /** True when the event changed what is stored, false when something later was stored already. */
  private applyTo(
    event: Stripe.Event,
    creatorProfileId: string,
    stripeAccountId: string,
    context: RequestContext | undefined,
  ): Promise<boolean> {
    switch (event.type) {
      case 'account.application.deauthorized':
        return this.accountStatus.disconnect(creatorProfileId, stripeAccountId, 'DEAUTHORIZED');
      case 'payout.failed': {
        const payout = event.data.object;
        return this.accountStatus.recordPayoutFailure(creatorProfileId, stripeAccountId, {
          payoutId: payout.id,
          code: payout.failure_code ?? 'unknown',
          message: payout.failure_message,
          failedAt: new Date(event.created * 1_000),
          bankAccountId:
            typeof payout.destination === 'string' ? payout.destination : (payout.destination?.id ?? null),
        });
      }
      default:
        // A cue, not a state to copy: the account (bank accounts included) is read from Stripe.
        return this.accountStatus.refreshFromStripe(creatorProfileId, stripeAccountId, context);
    }
  }
}

type AppliedOutcome = Exclude<StripeEventOutcome, 'DUPLICATE'>;

function accountIdOf(event: Stripe.Event): string | null {
  if (event.type === 'account.updated') return event.data.object.id;
  return event.account ?? null;
}
