import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { RedisConnection } from '../redis/redis.module.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import { ResilientThrottlerStorage } from './resilient-throttler.storage.js';
import { UserThrottlerGuard } from './user-throttler.guard.js';

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
        throttlers: [{ name: 'default', limit: 60, ttl: 60_000 }],
        ...(redis.client && {
          storage: resilientStorage(redis.client, redis.keyPrefix),
        }),
      }),
    }),
  ],
  providers: [UserThrottlerGuard, RateLimiter],
  exports: [ThrottlerModule, UserThrottlerGuard, RateLimiter],
})
export class RateLimitModule {}

function resilientStorage(client: Redis, keyPrefix: string): ResilientThrottlerStorage {
  return new ResilientThrottlerStorage(new RedisThrottlerStorage(client, `${keyPrefix}throttle:`), () =>
    client.ping(),
  );
}
