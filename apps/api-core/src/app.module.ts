import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from './features/auth/auth.module.js';
import { JwtAuthGuard } from './features/auth/jwt-auth.guard.js';
import { HealthModule } from './features/health/health.module.js';
import { StripeConnectModule } from './features/stripe-connect/stripe-connect.module.js';
import type { AppConfig } from './platform/config/app-config.js';
import { ConfigModule } from './platform/config/config.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { ErrorsModule } from './platform/errors/errors.module.js';
import { HttpModule } from './platform/http/http.module.js';
import { LifecycleModule } from './platform/lifecycle/shutdown-drain.js';
import { Metrics } from './platform/metrics/metrics.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import { RateLimitModule } from './platform/rate-limit/rate-limit.module.js';
import { UserThrottlerGuard } from './platform/rate-limit/user-throttler.guard.js';
import { RedisModule } from './platform/redis/redis.module.js';
import { SchedulingModule } from './platform/scheduling/scheduled-jobs.js';

@Module({})
export class AppModule {
  /**
   * The platform, then the features; `extra` is the development module when one runs, `metrics` the registry the
   * HTTP edge already records into (see bootstrap.ts; an app without HTTP gets one of its own).
   */
  static forRoot(
    config: AppConfig,
    extra: DynamicModule[] = [],
    metrics: Metrics = new Metrics(),
  ): DynamicModule {
    return {
      // biome-ignore lint/complexity/noThisInStatic: naming the class here would make TypeScript compile it as `AppModule_1 = class`, so named in the bundle
      module: this,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule.forRoot(metrics),
        ErrorsModule,
        HttpModule,
        LifecycleModule,
        DatabaseModule,
        RedisModule,
        RateLimitModule,
        SchedulingModule,
        AuthModule,
        StripeConnectModule,
        HealthModule,
        ...extra,
      ],
      providers: [
        // In this order: the caller is known (or refused, uncounted) before their request is counted.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
      ],
    };
  }
}
