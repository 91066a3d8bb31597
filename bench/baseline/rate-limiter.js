/** The API's Redis limiter call, unchanged: one EVAL of the same script on the same kind of key. */

/** Copied verbatim from apps/api-core/src/platform/rate-limit/redis-throttler.storage.ts (the bench checks). */
export const COUNT_HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/**
 * The key the API's UserThrottlerGuard counts the route and user on: the throttler's name, the route's path and
 * the user (apps/api-core/src/platform/rate-limit/user-throttler.guard.ts).
 * @param {string} userId
 */
function rateLimitKey(userId) {
  return `default:/api/v1/creators/stripe-connect/dashboard-link:user:${userId}`;
}

/**
 * Counts one hit for the user in a fixed window; the same answer the API's UserThrottlerGuard acts on.
 * @param {import('ioredis').Redis} redis
 * @param {string} keyPrefix the API's `${REDIS_KEY_PREFIX}throttle:`
 * @param {string} userId
 * @param {{ limit: number, windowMs: number }} rule
 */
export async function countHit(redis, keyPrefix, userId, { limit, windowMs }) {
  const [totalHits, remainingMs] = /** @type {[number, number]} */ (
    await redis.eval(COUNT_HIT, 1, keyPrefix + rateLimitKey(userId), windowMs)
  );
  return { totalHits, secondsToReset: Math.ceil(remainingMs / 1_000), blocked: totalHits > limit };
}
