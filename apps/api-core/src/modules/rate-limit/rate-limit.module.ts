import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { RedisConnection } from '../redis/redis.module.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import { ResilientThrottlerStorage } from './resilient-throttler.storage.js';

/**
 * Limits are declared per route (see `@Endpoint`) or counted in code (RateLimiter); Redis shares the counters
 * between instances when configured, and while it is unreachable each instance counts in memory (see
 * ResilientThrottlerStorage).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => ({
        // The module is here for its storage (in memory without Redis); its options require a throttler, which
        // applies nowhere: every limit is a route's own (RateLimitGuard) or counted in code (RateLimiter).
        throttlers: [{ name: 'default', limit: 60, ttl: 60_000 }],
        ...(redis.client && {
          storage: resilientStorage(redis.client, redis.keyPrefix),
        }),
      }),
    }),
  ],
  providers: [RateLimitGuard, RateLimiter],
  exports: [ThrottlerModule, RateLimitGuard, RateLimiter],
})
export class RateLimitModule {}

function resilientStorage(client: Redis, keyPrefix: string): ResilientThrottlerStorage {
  return new ResilientThrottlerStorage(new RedisThrottlerStorage(client, `${keyPrefix}throttle:`), () =>
    client.ping(),
  );
}
