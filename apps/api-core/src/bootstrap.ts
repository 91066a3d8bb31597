import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { RouteNotFoundError } from './common/errors/common.errors.js';
import { ApiExceptionFilter } from './common/http/api-exception.filter.js';
import { answerClientError, bodyIsRead, createHttpEdge } from './common/http/http-edge.js';
import { setupSwagger } from './common/http/swagger.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { createAccessLogger, createRootLogger, NestPinoLogger } from './common/logging/logger.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the whole app; shared by `main.ts` and every end-to-end test so both run the same wiring. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const logger = createRootLogger(config.logLevel);
  const app = await createOnAdapter(config, logger);
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  // No enableShutdownHooks(): main.ts closes on SIGTERM/SIGINT itself (graceful-shutdown.ts); tests call close().
  await app.init();
  if (config.http.adapter === 'express') answerUnmatchedPathsWithNotFound(app);
  return app;
}

/**
 * Nest's Express adapter answers unknown paths only under the global prefix; outside it (`/nope`) Express would
 * send its own HTML page. Added after `init()`, so after every route: the envelope's 404, as on Fastify.
 */
function answerUnmatchedPathsWithNotFound(app: INestApplication): void {
  const filter = new ApiExceptionFilter(app.get(HttpAdapterHost));
  app.use((request: IncomingMessage, response: ServerResponse) =>
    filter.render(new RouteNotFoundError(), request, response),
  );
}

async function createOnAdapter(config: AppConfig, logger: Logger): Promise<INestApplication> {
  const module = AppModule.forRoot(config);
  const edge = createHttpEdge({ corsOrigins: config.corsOrigins, accessLog: createAccessLogger(logger) });
  // rawBody: Stripe signs the exact bytes it sends, so the webhook verifies those, not re-serialised JSON.
  const options = { logger: new NestPinoLogger(logger), abortOnError: false, rawBody: true };
  // Each adapter is loaded only when chosen: importing both costs start-up time for nothing.
  if (config.http.adapter === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
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
    return NestFactory.create(module, adapter, options);
  }
  const { ExpressAdapter } = await import('@nestjs/platform-express');
  const app = await NestFactory.create<NestExpressApplication>(module, new ExpressAdapter(), {
    ...options,
    bodyParser: false,
  });
  // Node's own answer to a request it cannot parse is a bare 400 without a body: the envelope instead.
  app.getHttpServer().on('clientError', answerClientError);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use((request: IncomingMessage, response: ServerResponse, next: (error?: Error) => void) =>
    edge.handle(request, response, next),
  );
  // Not strict: a JSON array or string reaches the validation pipe, which answers it as on Fastify. Any body it
  // sees is JSON (the edge refused the others), but not a GET's or HEAD's, which Fastify leaves unread too.
  app.useBodyParser('json', { limit: config.bodyLimitBytes, strict: false, type: bodyIsRead });
  return app;
}
