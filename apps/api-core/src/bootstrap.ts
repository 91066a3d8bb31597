import 'reflect-metadata';
import { type INestApplication, Logger, RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './platform/config/app-config.js';
import { RouteNotFoundError } from './platform/errors/common.errors.js';
import { answerClientError, createHttpEdge } from './platform/http/http-edge.js';
import { setupSwagger } from './platform/http/swagger.js';
import { createValidationPipe } from './platform/http/validation.pipe.js';
import { createAccessLogger, createRootLogger, NestPinoLogger } from './platform/logging/logger.js';
import { API_PREFIX, API_VERSION, healthPath } from './routes.js';

/** Builds the whole app; shared by `main.ts` and every end-to-end test so both run the same wiring. */
export async function createApp(environmentConfig: AppConfig): Promise<INestApplication> {
  const logger = createRootLogger(environmentConfig.logLevel);
  const nestLogger = new NestPinoLogger(logger);
  // Before Nest exists, so the development services' lines are JSON like every other.
  Logger.overrideLogger(nestLogger);
  const { config, extraModules } = await withDevelopmentServices(environmentConfig);
  const edge = createHttpEdge({ corsOrigins: config.corsOrigins, accessLog: createAccessLogger(logger) });
  const adapter = new FastifyAdapter({
    // The app has no Nest middleware (the edge below is a Fastify hook): @fastify/middie would only cost time.
    skipMiddie: true,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Requests Node cannot parse, and paths Fastify's router cannot decode (`/%ff`): Fastify would answer both
    // with its own JSON, before any hook; the envelope instead (an undecodable path names no route: 404).
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      edge.refuse(request.raw, reply.raw, new RouteNotFoundError({ cause: error })),
  });
  // A hook, not `app.use()`: Fastify runs it for every route, Swagger's included, and before body parsing.
  adapter
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      edge.handle(request.raw, reply.raw, done, (status) => reply.code(status).send()),
    );
  const app = await NestFactory.create(AppModule.forRoot(config, extraModules), adapter, {
    logger: nestLogger,
    abortOnError: false,
    // Stripe signs the exact bytes it sends, so the webhook verifies those, not re-serialised JSON.
    rawBody: true,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: healthPath('live'), method: RequestMethod.GET },
      { path: healthPath('ready'), method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: API_VERSION });
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  // No enableShutdownHooks(): main.ts closes on SIGTERM/SIGINT itself (graceful-shutdown.ts); tests call close().
  await app.init();
  return app;
}

/**
 * Outside production, the development module starts what the configuration leaves to it (embedded database,
 * Stripe emulator, demo users). Imported only then: a production server loads none of it.
 */
async function withDevelopmentServices(config: AppConfig) {
  if (config.environment === 'production') return { config, extraModules: [] };
  const { startDevelopmentServices } = await import('./development/development.module.js');
  const development = await startDevelopmentServices(config);
  return { config: development.config, extraModules: [development.module] };
}
