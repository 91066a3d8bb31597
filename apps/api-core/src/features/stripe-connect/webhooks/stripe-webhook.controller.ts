import { Controller, Headers, HttpCode, HttpStatus, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiDoc } from '../../../platform/http/api-docs.decorator.js';
import { BodyLimit } from '../../../platform/http/body-limit.js';
import { CurrentRequestContext, type RequestContext } from '../../../platform/http/request-context.js';
import { ROUTES } from '../../../routes.js';
import { PublicRoute } from '../../auth/auth.decorators.js';
import { StripeWebhookReceiptDto } from '../dto/stripe-webhook-receipt.dto.js';
import {
  StripeWebhookNotConfiguredError,
  StripeWebhookSignatureInvalidError,
} from './stripe-webhook.errors.js';
import { StripeWebhookService } from './stripe-webhook.service.js';

/**
 * Stripe's events are larger than our own requests (an account's full object, with its requirements): Stripe names
 * no maximum, and the largest seen are tens of KiB, so this leaves room and still bounds what an unsigned sender can
 * make us read before the signature check refuses it.
 */
export const STRIPE_WEBHOOK_BODY_LIMIT_BYTES = 512 * 1_024;

@ApiTags('Webhooks')
@Controller(ROUTES.webhooks.base)
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post(ROUTES.webhooks.stripe)
  @HttpCode(HttpStatus.OK)
  // Authenticated by the signature of its raw body (the service checks it), and never limited: Stripe retries.
  @PublicRoute()
  @SkipThrottle()
  @BodyLimit(STRIPE_WEBHOOK_BODY_LIMIT_BYTES)
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe’s signature of the raw body' })
  @ApiDoc({
    operationId: 'receiveStripeWebhook',
    summary: 'Stripe webhook',
    description:
      'Receives the Connect endpoint’s events, verified with STRIPE_WEBHOOK_SECRET (one secret, or two while it ' +
      'is rotated) on the raw body. An account’s events (account.updated, account.external_account.*) re-read the ' +
      'account and update the creator’s snapshot; account.application.deauthorized archives the account; ' +
      'payout.failed records the failure. Other types, unknown accounts and events of the other mode than the key ' +
      'are acknowledged and ignored.',
    response: StripeWebhookReceiptDto,
    throttled: false,
    errors: [new StripeWebhookSignatureInvalidError(), new StripeWebhookNotConfiguredError()],
  })
  receive(
    @Req() request: RawBodyRequest<{ rawBody?: Buffer }>,
    @CurrentRequestContext() context: RequestContext | undefined,
    @Headers('stripe-signature') signature?: string,
  ): Promise<StripeWebhookReceiptDto> {
    return this.webhooks.receive(request.rawBody, signature, context);
  }
}
