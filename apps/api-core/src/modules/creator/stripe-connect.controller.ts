import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../common/http/endpoint.decorator.js';
import { type AuthenticatedUser, CurrentUser } from '../auth/authenticated-user.js';
import { StripeFailureExamples } from '../payment/stripe.errors.js';
import {
  NotCreatorError,
  OnboardingStateInvalidError,
  StripeAccountAlreadyActiveError,
  StripeAccountNotActiveError,
  StripeAccountNotFoundError,
} from './creator.errors.js';
import {
  StripeConnectDashboardLinkResponseDto,
  StripeConnectOnboardingLinkResponseDto,
  StripeConnectStatusResponseDto,
} from './dto/stripe-connect-response.dto.js';
import { StripeConnectService } from './stripe-connect.service.js';
import { type RedirectTarget, StripeOnboardingService } from './stripe-onboarding.service.js';

const HOUR_MS = 3_600_000;
const FIFTEEN_MINUTES_MS = 900_000;

@ApiTags('Creator · Stripe Connect')
@Controller('creators/stripe-connect')
export class StripeConnectController {
  constructor(
    private readonly stripeConnect: StripeConnectService,
    private readonly onboarding: StripeOnboardingService,
  ) {}

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
      new NotCreatorError(),
      new StripeAccountNotFoundError(),
      new StripeAccountNotActiveError('PENDING'),
      ...StripeFailureExamples,
    ],
  })
  dashboardLink(@CurrentUser() user: AuthenticatedUser): Promise<StripeConnectDashboardLinkResponseDto> {
    return this.stripeConnect.getDashboardLink(user.userId);
  }

  @Post('onboarding-link')
  @Endpoint({
    summary: 'Start Onboarding',
    description:
      'Creates the creator’s Stripe Express account on first use (one per creator, however many calls race) and ' +
      'returns a Stripe-hosted onboarding link. For an account not yet ACTIVE it returns a fresh link; an ACTIVE ' +
      'account gets creator.stripe.already_active: open the dashboard link instead.',
    auth: 'bearer',
    rateLimit: { limit: 10, windowMs: HOUR_MS },
    response: StripeConnectOnboardingLinkResponseDto,
    errors: [new NotCreatorError(), new StripeAccountAlreadyActiveError(), ...StripeFailureExamples],
  })
  onboardingLink(@CurrentUser() user: AuthenticatedUser): Promise<StripeConnectOnboardingLinkResponseDto> {
    return this.onboarding.createOnboardingLink(user.userId);
  }

  @Post('refresh-onboarding-link')
  @Endpoint({
    summary: 'Refresh Onboarding Link',
    description:
      'A fresh hosted onboarding link for an existing Stripe Connect account. Use when the previous link expired ' +
      'or the user closed the tab without finishing.',
    auth: 'bearer',
    rateLimit: { limit: 10, windowMs: HOUR_MS },
    response: StripeConnectOnboardingLinkResponseDto,
    errors: [
      new NotCreatorError(),
      new StripeAccountNotFoundError(),
      new StripeAccountAlreadyActiveError(),
      ...StripeFailureExamples,
    ],
  })
  refreshOnboardingLink(
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    return this.onboarding.refreshOnboardingLink(user.userId);
  }

  @Get('onboarding/refresh')
  @ApiQuery({ name: 'state', description: 'Signed state this API put in the link it gave Stripe' })
  @Endpoint({
    summary: 'Onboarding refresh URL (Stripe redirects here)',
    description:
      'Stripe sends the browser here when an onboarding link expired or was used: redirects to a fresh one.',
    auth: 'public',
    rateLimit: { limit: 30, windowMs: FIFTEEN_MINUTES_MS },
    redirect: true,
    errors: [new OnboardingStateInvalidError(), new StripeAccountNotFoundError(), ...StripeFailureExamples],
  })
  onboardingRefresh(@Query('state') state?: string): Promise<RedirectTarget> {
    return this.onboarding.refreshUrlTarget(state);
  }

  @Get('onboarding/return')
  @ApiQuery({ name: 'state', description: 'Signed state this API put in the link it gave Stripe' })
  @Endpoint({
    summary: 'Onboarding return URL (Stripe redirects here)',
    description:
      'Stripe sends the browser here when the creator leaves onboarding: syncs the account, then redirects to the web app.',
    auth: 'public',
    rateLimit: { limit: 30, windowMs: FIFTEEN_MINUTES_MS },
    redirect: true,
    errors: [new OnboardingStateInvalidError(), new NotCreatorError(), ...StripeFailureExamples],
  })
  onboardingReturn(@Query('state') state?: string): Promise<RedirectTarget> {
    return this.onboarding.returnUrlTarget(state);
  }

  @Get('status')
  @Endpoint({
    summary: 'Get Connect Status',
    description:
      'The stored snapshot of the creator’s Stripe account: derived status and Stripe’s raw flags. No Stripe call.',
    auth: 'bearer',
    rateLimit: { limit: 120, windowMs: HOUR_MS },
    response: StripeConnectStatusResponseDto,
    errors: [new NotCreatorError()],
  })
  status(@CurrentUser() user: AuthenticatedUser): Promise<StripeConnectStatusResponseDto> {
    return this.stripeConnect.getStatus(user.userId);
  }

  @Post('status/sync')
  @Endpoint({
    summary: 'Sync Connect Status',
    description: 'Re-reads the account from Stripe, stores it and returns the new snapshot.',
    auth: 'bearer',
    rateLimit: { limit: 10, windowMs: HOUR_MS },
    response: StripeConnectStatusResponseDto,
    errors: [new NotCreatorError(), new StripeAccountNotFoundError(), ...StripeFailureExamples],
  })
  syncStatus(@CurrentUser() user: AuthenticatedUser): Promise<StripeConnectStatusResponseDto> {
    return this.stripeConnect.syncStatus(user.userId);
  }
}
