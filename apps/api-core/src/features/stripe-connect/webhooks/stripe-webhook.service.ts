import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { PrismaService } from '../../../platform/database/prisma.service.js';
import { AccountStatusService } from '../account-status.service.js';
import type { StripeWebhookReceiptDto } from '../dto/stripe-webhook-receipt.dto.js';
import { StripeGateway } from '../stripe/stripe.gateway.js';
import {
  StripeWebhookNotConfiguredError,
  StripeWebhookSignatureInvalidError,
} from './stripe-webhook.errors.js';

/** What handling one event did (the webhook's receipt says the same). */
export type StripeEventOutcome = StripeWebhookReceiptDto['outcome'];

/**
 * Verifies and applies Stripe's webhook deliveries. An `account.updated` event is a cue to read the account from
 * Stripe rather than a state to copy, so duplicates, retries and out-of-order deliveries all converge on Stripe's
 * current state; event ids are stored so a redelivery does no work twice, on any instance.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly prisma: PrismaService,
    private readonly stripe: StripeGateway,
    private readonly accountStatus: AccountStatusService,
  ) {}

  /** A delivery to the webhook route: verified on its raw body, then handled as any event. */
  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<StripeWebhookReceiptDto> {
    const event = this.verify(rawBody, signature);
    return { eventId: event.id, outcome: await this.handleEvent(event) };
  }

  /**
   * Applies one event Stripe sent (a verified delivery, or one the reconciliation replays from `GET /v1/events`)
   * and records its id, so the same event is worked on once whichever instance or path sees it again.
   */
  async handleEvent(event: Stripe.Event): Promise<StripeEventOutcome> {
    const seen = await this.prisma.stripeWebhookEvent.findUnique({
      where: { id: event.id },
      select: { outcome: true },
    });
    if (seen) return 'DUPLICATE';
    const outcome = await this.apply(event);
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
    this.logger.log({ eventId: event.id, type: event.type, outcome }, 'Stripe event handled');
    return outcome;
  }

  private verify(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const secret = this.stripe.webhookSecret;
    if (!secret) throw new StripeWebhookNotConfiguredError();
    try {
      return this.stripe.verifyWebhookEvent(rawBody ?? Buffer.alloc(0), signature ?? '', secret);
    } catch (error) {
      throw new StripeWebhookSignatureInvalidError({ cause: error });
    }
  }

  private async apply(event: Stripe.Event): Promise<Exclude<StripeEventOutcome, 'DUPLICATE'>> {
    const stripeAccountId = accountIdOf(event);
    if (event.type !== 'account.updated' || !stripeAccountId) return 'IGNORED';
    const profile = await this.prisma.creatorProfile.findUnique({
      where: { stripeAccountId },
      select: { id: true },
    });
    if (!profile) return 'IGNORED';
    return (await this.accountStatus.refreshFromStripe(profile.id, stripeAccountId)) ? 'APPLIED' : 'STALE';
  }
}

function accountIdOf(event: Stripe.Event): string | null {
  if (event.type === 'account.updated') return event.data.object.id;
  return event.account ?? null;
}
