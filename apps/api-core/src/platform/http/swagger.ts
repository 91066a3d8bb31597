import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ROUTES } from '../../routes.js';

/** Statuses only a request body can cause. */
const BODY_STATUSES = ['413', '415'];

/**
 * `/docs` (try-it with a bearer token from login) and the OpenAPI document at `/docs-json`. The document is built on
 * its first request, not at start-up: a server that nobody asks for it starts sooner and holds less memory.
 */
export function setupSwagger(app: INestApplication): void {
  const buildDocument = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('bio.re payouts API')
        .setDescription(
          'Creator payouts through Stripe Connect Express. Every body is an envelope: `{"success": true, "data": ...}` ' +
            'or `{"success": false, "error": {code, message, i18nKey, i18nVars?, details?, correlationId}}`. ' +
            'Log in with `POST /api/v1/auth/login`, then Authorize with the `accessToken`.',
        )
        .setVersion('1')
        .setContact('bio.re payouts team', 'https://bio.re', 'payouts@bio.re')
        .setLicense('Proprietary', 'https://bio.re/terms')
        // Relative: the document describes whichever origin serves it.
        .addServer('/', 'The API that serves this document')
        .addTag('Auth', 'Log in for a token (and the HttpOnly cookie a same-origin page uses)')
        .addTag(
          'Creator · Stripe Connect',
          'A creator’s Stripe Express account: onboarding, status, dashboard link',
        )
        .addTag('Webhooks', 'Stripe’s events, verified by signature')
        .addTag('Health', 'Liveness and readiness, for load balancers and orchestrators')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        // Named as the routes' @ApiCookieAuth('access_token') names it (the default name, `cookie`, left them dangling).
        .addCookieAuth('access_token', { type: 'apiKey' }, 'access_token')
        .build(),
    );
  SwaggerModule.setup(ROUTES.docs.ui, app, () => asServed(buildDocument()), {
    jsonDocumentUrl: ROUTES.docs.json,
    swaggerOptions: { persistAuthorization: true },
  });
}

/**
 * Two facts of the HTTP edge that decorators cannot state: a GET's body is never read, and an operation that names
 * no credentials (every `@BearerAuth()` route names its two) needs none, which OpenAPI says with `security: []`.
 */
function asServed(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const status of BODY_STATUSES) delete item.get?.responses[status];
    for (const operation of [item.get, item.post])
      if (operation && !operation.security) operation.security = [];
  }
  return document;
}
