import { AsyncResource } from 'node:async_hooks';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often, while Redis is away, one PING checks whether it is back. */
export const REDIS_RECOVERY_PROBE_MS = 1_000;

/**
 * The policy when Redis is unreachable: rate limits keep working on per-instance in-memory counters, so no request
 * waits on Redis or fails because of it, and shared counting resumes by itself once Redis answers again.
 *
 * The first failed Redis call switches to memory (one warning line); from then on requests never touch Redis, and
 * a PING every second checks for its return (one info line when it answers). While degraded, each instance counts
 * on its own: with N instances a user can get up to N times the limit, and hits counted in memory are forgotten
 * when Redis returns (Redis still holds what it counted before the outage).
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly shared: ThrottlerStorage,
    /** Resolves when Redis answers; rejects (or never resolves within its command timeout) when it does not. */
    private readonly ping: () => Promise<unknown>,
  ) {}

  get usingFallback(): boolean {
    return this.degraded;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (!this.degraded) {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.degrade(error);
      }
    }
    return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.probe);
    this.fallback.onApplicationShutdown();
  }

  private degrade(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      { event: 'rate_limit_fallback', reason: error instanceof Error ? error.message : String(error) },
      'Redis unreachable: rate limits fall back to per-instance in-memory counters until it answers again',
    );
    this.scheduleProbe();
  }

  // Bound where the storage is built (at start-up), so the probe and its log line do not inherit the context, and
  // correlation id, of the request that happened to notice the outage.
  private readonly scheduleProbe = AsyncResource.bind((): void => {
    if (this.closed) return;
    this.probe = setTimeout(() => void this.checkRecovery(), REDIS_RECOVERY_PROBE_MS);
    this.probe.unref();
  });

  private async checkRecovery(): Promise<void> {
    try {
      await this.ping();
    } catch {
      this.scheduleProbe();
      return;
    }
    if (this.closed) return;
    this.degraded = false;
    this.logger.log(
      { event: 'rate_limit_shared' },
      'Redis answers again: rate limits are shared across instances again',
    );
  }
}
