import { Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../common/http/endpoint.decorator.js';
import { type AuthenticatedUser, CurrentUser } from '../auth/authenticated-user.js';
import {
  StripeAccountInvalidError,
  StripeAccountNotExpressError,
  StripeOnboardingIncompleteError,
  StripeRateLimitedError,
  StripeServiceUnavailableError,
  StripeTimeoutError,
  StripeUnavailableError,
} from '../payment/stripe.errors.js';
import {
  NotCreatorError,
  StripeAccountNotActiveError,
  StripeAccountNotFoundError,
} from './creator.errors.js';
import { StripeConnectDashboardLinkResponseDto } from './dto/stripe-connect-response.dto.js';
import { StripeConnectService } from './stripe-connect.service.js';

const HOUR_MS = 3_600_000;

@ApiTags('Creator · Stripe Connect')
@Controller('creators/stripe-connect')
export class StripeConnectController {
  constructor(private readonly stripeConnect: StripeConnectService) {}

  @Post('dashboard-link')
  @Endpoint({
    summary: 'Get Dashboard Login Link',
    description:
      "One-shot login URL for the creator's Stripe Express dashboard. Requires the account to be ACTIVE. " +
      'Fetch a new one on every click: the URL works for one redirect and expires shortly.',
    auth: 'bearer',
    rateLimit: { limit: 10, windowMs: HOUR_MS },
    response: StripeConnectDashboardLinkResponseDto,
    errors: [
      new StripeAccountNotFoundError(),
      new StripeAccountNotActiveError('PENDING'),
      new StripeServiceUnavailableError(),
      new StripeOnboardingIncompleteError(),
      new NotCreatorError(),
      new StripeAccountInvalidError(),
      new StripeAccountNotExpressError(),
      new StripeUnavailableError(),
      new StripeRateLimitedError(),
      new StripeTimeoutError(),
    ],
  })
  dashboardLink(@CurrentUser() user: AuthenticatedUser): Promise<StripeConnectDashboardLinkResponseDto> {
    return this.stripeConnect.getDashboardLink(user.userId);
  }
}
