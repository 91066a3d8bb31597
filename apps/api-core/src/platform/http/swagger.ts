import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** `/docs` (try-it with a bearer token from login) and the OpenAPI document at `/docs-json`. */
export function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('bio.re payouts API')
      .setDescription(
        'Creator payouts through Stripe Connect Express. Every body is an envelope: `{"success": true, "data": ...}` ' +
          'or `{"success": false, "error": {code, message, i18nKey, i18nVars?, details?, correlationId}}`. ' +
          'Log in with `POST /api/v1/auth/login`, then Authorize with the `accessToken`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      // Named as the routes' @ApiCookieAuth('access_token') names it (the default name, `cookie`, left them dangling).
      .addCookieAuth('access_token', { type: 'apiKey' }, 'access_token')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
