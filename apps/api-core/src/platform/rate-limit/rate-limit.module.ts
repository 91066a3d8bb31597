import { Global, Module } from '@nestjs/common';
import { minutes, ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import { Metrics } from '../metrics/metrics.js';
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
      inject: [RedisConnection, Metrics],
      useFactory: (redis: RedisConnection, metrics: Metrics) => ({
        // For a route that states no limit of its own.
        throttlers: [{ name: 'default', limit: 60, ttl: minutes(1) }],
        ...(redis.client && { storage: resilientStorage(redis.client, redis.keyPrefix, metrics) }),
      }),
    }),
  ],
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}

function resilientStorage(client: Redis, keyPrefix: string, metrics: Metrics): ResilientThrottlerStorage {
  const storage = new ResilientThrottlerStorage(
    new RedisThrottlerStorage(client, `${keyPrefix}throttle:`),
    () => client.ping(),
  );
  new Gauge({
    name: 'rate_limit_redis_fallback',
    help: '1 while Redis is unreachable and this instance counts limits in its own memory (up to N × each limit with N instances), 0 while limits are shared in Redis',
    registers: [metrics.registry],
    collect() {
      this.set(storage.usingFallback ? 1 : 0);
    },
  });
  return storage;
}
