import { Controller, Headers, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../common/http/endpoint.decorator.js';
import { StripeWebhookReceiptDto } from './dto/stripe-webhook-receipt.dto.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { StripeWebhookNotConfiguredError, StripeWebhookSignatureInvalidError } from './webhook.errors.js';

@ApiTags('Webhooks')
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post('stripe')
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe’s signature of the raw body' })
  @Endpoint({
    summary: 'Stripe webhook',
    description:
      'Receives Stripe events, verified with STRIPE_WEBHOOK_SECRET on the raw body. `account.updated` re-reads the ' +
      'account and updates the creator’s snapshot; other types and unknown accounts are acknowledged and ignored.',
    auth: 'stripe-signature',
    response: StripeWebhookReceiptDto,
    errors: [new StripeWebhookSignatureInvalidError(), new StripeWebhookNotConfiguredError()],
  })
  receive(
    @Req() request: RawBodyRequest<{ rawBody?: Buffer }>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<StripeWebhookReceiptDto> {
    return this.webhooks.receive(request.rawBody, signature);
  }
}
