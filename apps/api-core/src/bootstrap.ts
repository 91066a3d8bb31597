import 'reflect-metadata';
import { type INestApplication, Logger, RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './platform/config/app-config.js';
import { ExpectationFailedError, RouteNotFoundError } from './platform/errors/common.errors.js';
import { applyRouteBodyLimits } from './platform/http/body-limit.js';
import { answerClientError, createHttpEdge } from './platform/http/http-edge.js';
import { envelopeSuccessAnswers } from './platform/http/success-envelope.js';
import { setupSwagger } from './platform/http/swagger.js';
import { createValidationPipe } from './platform/http/validation.pipe.js';
import { createAccessLogger, createRootLogger, NestPinoLogger } from './platform/logging/logger.js';
import { Metrics } from './platform/metrics/metrics.js';
import { API_PREFIX, API_VERSION, healthPath } from './routes.js';

/** How often Node looks for requests past their timeout (its default, 30 s, would let a slow client stay that long). */
const REQUEST_TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Builds the whole app; shared by `startServer` (start-server.ts) and every end-to-end test so both run the same wiring. */
export async function createApp(environmentConfig: AppConfig): Promise<INestApplication> {
  const logger = createRootLogger(environmentConfig.logLevel);
  const nestLogger = new NestPinoLogger(logger);
  // Before Nest exists, so the development services' lines are JSON like every other.
  Logger.overrideLogger(nestLogger);
  const { config, extraModules } = await withDevelopmentServices(environmentConfig);
  const metrics = new Metrics();
  const edge = createHttpEdge({
    corsOrigins: config.corsOrigins,
    accessLog: createAccessLogger(logger),
    metrics,
  });
  const adapter = new FastifyAdapter({
    // The app has no Nest middleware (the edge below is a Fastify hook): @fastify/middie would only cost time.
    skipMiddie: true,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A client gets REQUEST_TIMEOUT_MS to send its whole request, headers and body alike (Fastify's default is no
    // limit, Node's check runs every 30 s): then 408 (answerClientError) and the connection closes, so a trickled or
    // endless body can neither hold a connection forever nor a shutdown past its deadline.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: REQUEST_TIMEOUT_CHECK_INTERVAL_MS,
      // Node would answer a bare 400 itself; the HTTP edge answers with the envelope instead.
      requireHostHeader: false,
    },
    // While closing, Fastify would answer requests still arriving on open connections with its own 503 JSON; they
    // are served instead (with `Connection: close`): the balancer stopped sending during the drain, so those are
    // requests already under way.
    return503OnClosing: false,
    // Requests Node cannot parse, and paths Fastify's router cannot decode (`/%ff`): Fastify would answer both
    // with its own JSON, before any hook; the envelope instead (an undecodable path names no route: 404).
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      edge.refuse(request.raw, reply.raw, new RouteNotFoundError({ cause: error })),
  });
  const fastify = adapter.getInstance();
  // Node answers an `Expect` other than 100-continue with a bare 417 unless someone listens for it.
  fastify.server.on('checkExpectation', (request, response) =>
    edge.refuse(request, response, new ExpectationFailedError()),
  );
  applyRouteBodyLimits(fastify);
  envelopeSuccessAnswers(fastify);
  // A hook, not `app.use()`: Fastify runs it for every route, Swagger's included, and before body parsing.
  fastify.addHook('onRequest', (request, reply, done) =>
    edge.handle(request.raw, reply.raw, done, {
      route: request.routeOptions.url,
      answer: (status) => reply.code(status).send(),
    }),
  );
  const app = await NestFactory.create(AppModule.forRoot(config, extraModules, metrics), adapter, {
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
  // No enableShutdownHooks(): startServer closes on SIGTERM/SIGINT itself (graceful-shutdown.ts); tests call close().
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
