import { Global, Module } from '@nestjs/common';
import { minutes, ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { RedisConnection } from '../redis/redis.module.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import { ResilientThrottlerStorage } from './resilient-throttler.storage.js';

/**
 * Each route states its own limit with `@Throttle` (or `@SkipThrottle`); `UserThrottlerGuard` enforces them, and
 * `RateLimiter` counts what only a handler knows. Redis shares the counters between instances when configured;
 * while it is unreachable each instance counts in memory (ResilientThrottlerStorage).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => ({
        // For a route that states no limit of its own.
        throttlers: [{ name: 'default', limit: 60, ttl: minutes(1) }],
        ...(redis.client && { storage: resilientStorage(redis.client, redis.keyPrefix) }),
      }),
    }),
  ],
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}

function resilientStorage(client: Redis, keyPrefix: string): ResilientThrottlerStorage {
  return new ResilientThrottlerStorage(new RedisThrottlerStorage(client, `${keyPrefix}throttle:`), () =>
    client.ping(),
  );
}
