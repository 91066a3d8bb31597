import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { ServiceUnavailableError } from '../errors/common.errors.js';
import { ForeignErrors } from '../errors/foreign-errors.js';
import { Metrics } from '../metrics/metrics.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { registerPoolMetrics } from './pool-metrics.js';
import { PrismaService } from './prisma.service.js';

/** Seconds a caller is told to wait when the database is out of reach. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class DatabaseModule {
  constructor(
    foreignErrors: ForeignErrors,
    prisma: PrismaService,
    metrics: Metrics,
    @InjectConfig() config: AppConfig,
  ) {
    registerPoolMetrics(metrics, prisma.pool, config.database.poolSize);
    foreignErrors.register((error) =>
      isDatabaseUnavailable(error)
        ? new ServiceUnavailableError({ cause: error, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS })
        : undefined,
    );
  }
}
