import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { ErrorTranslator } from '../../platform/errors/error-translator.js';
import { requestContextOf, requestLogFields } from '../../platform/http/request-context.js';

/** The web app's payouts page, where the browser comes back from Stripe's onboarding. */
export function payoutsPageUrl(config: AppConfig, query: Record<string, string>): string {
  return `${config.urls.app}/settings/payouts?${new URLSearchParams(query)}`;
}

/**
 * On the routes Stripe sends the browser to (refresh and return URLs), whatever fails lands the creator on the
 * payouts page with the reason's i18nKey (`?stripeOnboarding=error&reason=creator.stripe.onboarding_link_expired`),
 * which the page shows in the creator's language: a browser must never be left on a JSON error.
 */
@Catch()
export class OnboardingLandingFilter implements ExceptionFilter {
  private readonly logger = new Logger('StripeOnboarding');

  constructor(
    private readonly errors: ErrorTranslator,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = this.errors.toApiError(exception);
    if (error.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      this.logger.error(
        { ...requestLogFields(requestContextOf(request.raw)), err: exception, code: error.code },
        'Stripe onboarding redirect failed',
      );
    }
    host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .code(HttpStatus.FOUND)
      .header('Location', payoutsPageUrl(this.config, { stripeOnboarding: 'error', reason: error.i18nKey }))
      .send();
  }
}
