import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Redirect,
  UseFilters,
} from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { hours, minutes, Throttle } from '@nestjs/throttler';
import { ApiDoc } from '../../platform/http/api-docs.decorator.js';
import { CurrentRequestContext, type RequestContext } from '../../platform/http/request-context.js';
import { ROUTES } from '../../routes.js';
import { type AuthenticatedUser, BearerAuth, CurrentUser, PublicRoute } from '../auth/auth.decorators.js';
import { AccountStatusService } from './account-status.service.js';
import { DashboardLinkService } from './dashboard-link.service.js';
import {
  StripeConnectDashboardLinkResponseDto,
  StripeConnectOnboardingLinkResponseDto,
  StripeConnectStatusResponseDto,
} from './dto/stripe-connect-response.dto.js';
import { OnboardingService, type RedirectTarget } from './onboarding.service.js';
import { OnboardingLandingFilter } from './onboarding-landing.filter.js';
import { StripeFailureExamples } from './stripe/stripe.errors.js';
import {
  NotCreatorError,
  StripeAccountAlreadyActiveError,
  StripeAccountNotActiveError,
  StripeAccountNotFoundError,
} from './stripe-connect.errors.js';

const routes = ROUTES.stripeConnect;

/** Optional (the route param alone would document it as required): the language of the payout failure's words. */
const PAYOUT_FAILURE_LANGUAGE = {
  name: 'accept-language',
  required: false,
  description: 'The language of `lastPayoutFailure.message` (en, fr); English otherwise',
} as const;

@ApiTags('Creator · Stripe Connect')
@Controller(routes.base)
export class StripeConnectController {
  constructor(
    private readonly dashboardLinks: DashboardLinkService,
    private readonly onboarding: OnboardingService,
    private readonly accountStatus: AccountStatusService,
  ) {}

  @Post(routes.dashboardLink)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 10, ttl: hours(1) } })
  @ApiDoc({
    operationId: 'getDashboardLink',
    summary: 'Get Dashboard Login Link',
    description:
      "One-shot login URL for the creator's Stripe Express dashboard. Requires the account to be ACTIVE. " +
      'Fetch a new one on every click: the URL works for one redirect and expires shortly.',
    response: StripeConnectDashboardLinkResponseDto,
    errors: [
      new NotCreatorError(),
      new StripeAccountNotFoundError(),
      new StripeAccountNotActiveError('PENDING'),
      ...StripeFailureExamples,
    ],
  })
  dashboardLink(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<StripeConnectDashboardLinkResponseDto> {
    return this.dashboardLinks.createFor(user.userId, context);
  }

  @Post(routes.onboardingLink)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 10, ttl: hours(1) } })
  @ApiDoc({
    operationId: 'createOnboardingLink',
    summary: 'Start Onboarding',
    description:
      'Creates the creator’s Stripe Express account on first use, or after the last one was disconnected (one ' +
      'per creator, however many calls race), and returns a Stripe-hosted onboarding link. For an account not ' +
      'yet ACTIVE it returns a fresh onboarding link; for an ACTIVE account with requirements due, a link ' +
      'collecting what is due; an ACTIVE account with nothing due gets creator.stripe.already_active: open the ' +
      'dashboard link instead.',
    response: StripeConnectOnboardingLinkResponseDto,
    errors: [new NotCreatorError(), new StripeAccountAlreadyActiveError(), ...StripeFailureExamples],
  })
  onboardingLink(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    return this.onboarding.createLink(user.userId, context);
  }

  @Post(routes.refreshOnboardingLink)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 10, ttl: hours(1) } })
  @ApiDoc({
    operationId: 'refreshOnboardingLink',
    summary: 'Refresh Onboarding Link',
    description:
      'A fresh hosted onboarding link for an existing Stripe Connect account (for an ACTIVE one, what is due). ' +
      'Use when the previous link expired or the user closed the tab without finishing.',
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
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<StripeConnectOnboardingLinkResponseDto> {
    return this.onboarding.refreshLink(user.userId, context);
  }

  @Get(routes.onboardingRefresh)
  @Redirect(undefined, HttpStatus.FOUND)
  @UseFilters(OnboardingLandingFilter)
  @PublicRoute()
  @Throttle({ default: { limit: 30, ttl: minutes(15) } })
  @ApiQuery({ name: 'state', description: 'Single-use state this API put in the link it gave Stripe' })
  @ApiDoc({
    operationId: 'followOnboardingRefresh',
    summary: 'Onboarding refresh URL (Stripe redirects here)',
    description:
      'Stripe sends the browser here when an onboarding link expired or was used: redirects to a fresh one. ' +
      'Never answers an error: an unknown, used (each state works once), expired (after an hour) or outdated ' +
      'state, or any failure, redirects to APP_URL/settings/payouts?stripeOnboarding=error&reason=<i18nKey>.',
    redirect: true,
  })
  onboardingRefresh(
    @CurrentRequestContext() context: RequestContext | undefined,
    @Query('state') state?: string,
  ): Promise<RedirectTarget> {
    return this.onboarding.refreshUrlTarget(state, context);
  }

  @Get(routes.onboardingReturn)
  @Redirect(undefined, HttpStatus.FOUND)
  @UseFilters(OnboardingLandingFilter)
  @PublicRoute()
  @Throttle({ default: { limit: 30, ttl: minutes(15) } })
  @ApiQuery({ name: 'state', description: 'Single-use state this API put in the link it gave Stripe' })
  @ApiDoc({
    operationId: 'followOnboardingReturn',
    summary: 'Onboarding return URL (Stripe redirects here)',
    description:
      'Stripe sends the browser here when the creator leaves onboarding: syncs the account, then redirects to ' +
      'APP_URL/settings/payouts?stripeOnboarding=<status>. Never answers an error: a bad state or any failure ' +
      'redirects to APP_URL/settings/payouts?stripeOnboarding=error&reason=<i18nKey>.',
    redirect: true,
  })
  onboardingReturn(
    @CurrentRequestContext() context: RequestContext | undefined,
    @Query('state') state?: string,
  ): Promise<RedirectTarget> {
    return this.onboarding.returnUrlTarget(state, context);
  }

  @Get(routes.status)
  @BearerAuth()
  @Throttle({ default: { limit: 120, ttl: hours(1) } })
  @ApiDoc({
    operationId: 'getConnectStatus',
    summary: 'Get Connect Status',
    description:
      'The stored snapshot of the creator’s Stripe account: derived status, what the creator should do next, ' +
      'and what Stripe said (flags, requirements, capabilities, the last failed payout). No Stripe call.',
    response: StripeConnectStatusResponseDto,
    errors: [new NotCreatorError()],
  })
  @ApiHeader(PAYOUT_FAILURE_LANGUAGE)
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StripeConnectStatusResponseDto> {
    return this.accountStatus.get(user.userId, acceptLanguage);
  }

  @Post(routes.syncStatus)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 10, ttl: hours(1) } })
  @ApiDoc({
    operationId: 'syncConnectStatus',
    summary: 'Sync Connect Status',
    description: 'Re-reads the account from Stripe, stores it and returns the new snapshot.',
    response: StripeConnectStatusResponseDto,
    errors: [new NotCreatorError(), new StripeAccountNotFoundError(), ...StripeFailureExamples],
  })
  @ApiHeader(PAYOUT_FAILURE_LANGUAGE)
  syncStatus(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentRequestContext() context: RequestContext | undefined,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StripeConnectStatusResponseDto> {
    return this.accountStatus.sync(user.userId, acceptLanguage, context);
  }
}
