import { Module } from '@nestjs/common';
import { ForeignErrors } from '../../platform/errors/foreign-errors.js';
import { AccountStatusService } from './account-status.service.js';
import { CreatorProfiles } from './creator-profiles.js';
import { DashboardLinkService } from './dashboard-link.service.js';
import { OnboardingService } from './onboarding.service.js';
import { OnboardingLandingFilter } from './onboarding-landing.filter.js';
import { OnboardingStates } from './onboarding-states.js';
import { ReconciliationJob } from './reconciliation/reconciliation.job.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { StripeGateway } from './stripe/stripe.gateway.js';
import { stripeClientProvider } from './stripe/stripe-client.js';
import { translateStripeFailure } from './stripe/stripe-failure.translator.js';
import { StripeConnectController } from './stripe-connect.controller.js';
import { StripeConnectMetrics } from './stripe-connect.metrics.js';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller.js';
import { StripeWebhookService } from './webhooks/stripe-webhook.service.js';

/**
 * Creators' Stripe Connect Express accounts: onboarding, status, the dashboard link, Stripe's webhooks, and the
 * scheduled reconciliation that catches what webhooks missed.
 */
@Module({
  controllers: [StripeConnectController, StripeWebhookController],
  providers: [
    StripeConnectMetrics,
    stripeClientProvider,
    StripeGateway,
    CreatorProfiles,
    DashboardLinkService,
    OnboardingService,
    OnboardingStates,
    OnboardingLandingFilter,
    AccountStatusService,
    StripeWebhookService,
    ReconciliationService,
    ReconciliationJob,
  ],
})
export class StripeConnectModule {
  constructor(foreignErrors: ForeignErrors) {
    foreignErrors.register(translateStripeFailure);
  }
}
