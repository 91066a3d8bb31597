import 'reflect-metadata';
import { RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { SuccessEnvelopeInterceptor } from './common/http/success-envelope.interceptor.js';
import { setupSwagger } from './common/http/swagger.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { createRootLogger, NestPinoLogger } from './common/logging/logger.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the whole app; shared by `main.ts` and every end-to-end test so both run the same wiring. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new SuccessEnvelopeInterceptor());
  setupSwagger(app);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
