import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisConnection } from '../redis/redis.module.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import { UserThrottlerGuard } from './user-throttler.guard.js';

/** Limits are declared per route (see `@Endpoint`); Redis shares the counters between instances when configured. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => ({
        throttlers: [{ name: 'default', limit: 60, ttl: 60_000 }],
        ...(redis.client && {
          storage: new RedisThrottlerStorage(redis.client, `${redis.keyPrefix}throttle:`),
        }),
      }),
    }),
  ],
  providers: [UserThrottlerGuard],
  exports: [ThrottlerModule, UserThrottlerGuard],
})
export class RateLimitModule {}
