/**
 * What needs a shared Redis (counters across instances, two processes) runs when the run has one: CI always sets
 * REDIS_URL, so nothing is skipped there; a local run without Redis says so in the skipped tests' titles.
 */
const redisAvailable = process.env.REDIS_URL !== undefined;
export const describeWithRedis = redisAvailable ? describe : describe.skip;
export const itWithRedis = redisAvailable ? it : it.skip;
