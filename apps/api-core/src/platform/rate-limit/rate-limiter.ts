import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitExceededError } from '../errors/common.errors.js';
import { Metrics } from '../metrics/metrics.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * A limit counted in code, for what only the handler knows (the account a login names), on the throttler's own
 * storage: Redis shared by every instance when configured, memory otherwise, exactly as the route limits.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Counts one hit on `key` (`<limit>:<subject>`, e.g. `login:account:<digest>`); past the limit, throws the same 429
   * as every other limit, counted in the metrics under `<limit>`.
   */
  async hit(
    key: string,
    { limit, windowMs }: RateLimit,
  ): Promise<{ remaining: number; resetSeconds: number }> {
    const { totalHits, timeToExpire, isBlocked, timeToBlockExpire } = await this.storage.increment(
      key,
      windowMs,
      limit,
      windowMs,
      'default',
    );
    if (isBlocked) {
      this.metrics.countRateLimitRefusal(key.slice(0, key.lastIndexOf(':')));
      throw new RateLimitExceededError({ limit, resetSeconds: timeToBlockExpire });
    }
    return { remaining: Math.max(0, limit - totalHits), resetSeconds: timeToExpire };
  }
}
