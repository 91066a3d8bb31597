import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { STRIPE_RECONCILIATION_JOB } from './features/stripe-connect/reconciliation/reconciliation.job.js';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/app-config.js';
import { createRootLogger, NestPinoLogger } from './platform/logging/logger.js';
import { ScheduledJobs } from './platform/scheduling/scheduled-jobs.js';

/**
 * `pnpm reconcile`: one reconciliation pass against the configured database and Stripe, now, then exit (0 once the
 * pass is over, 1 if it could not run). The same pass as the scheduled one, recorded as it, so the next scheduled pass
 * starts from this one.
 */
try {
  const config = loadConfig(process.env);
  refuseEmbeddedDefaults(config);
  const logger = new NestPinoLogger(createRootLogger(config.logLevel));
  Logger.overrideLogger(logger);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
  try {
    await app.get(ScheduledJobs).runNow(STRIPE_RECONCILIATION_JOB);
  } finally {
    await app.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

/**
 * The embedded database belongs to the `pnpm start` that opened it, and its emulator's accounts live in that
 * process's memory: a pass here would read neither.
 */
function refuseEmbeddedDefaults(config: AppConfig): void {
  const problems = [
    ...(config.database.mode === 'server' ? [] : ['DATABASE_URL: required (the database to reconcile)']),
    ...(config.stripe.mode === 'remote'
      ? []
      : [
          'STRIPE_SECRET_KEY: required (the Stripe account to reconcile with; STRIPE_API_BASE for an emulator)',
        ]),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
}
