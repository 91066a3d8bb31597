import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** The shared Redis connection, or none when REDIS_URL is unset (single-instance development). */
export class RedisConnection implements OnApplicationShutdown {
  constructor(
    readonly client: Redis | null,
    /** Prepended to every key, so several deployments (or test runs) can share one Redis. */
    readonly keyPrefix: string,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

function connect(url: string): Redis {
  const client = new Redis(url, {
    // Fail a command fast instead of queueing it while Redis is away, so no request hangs on it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // One warning when the connection breaks and one line when it is back, not one per reconnection attempt.
  const logger = new Logger('Redis');
  let broken = false;
  client.on('error', (error) => {
    if (broken) return logger.debug(`Redis still unreachable: ${error.message}`);
    broken = true;
    logger.warn(`Redis connection problem: ${error.message} (reconnecting in the background)`);
  });
  client.on('ready', () => {
    if (!broken) return;
    broken = false;
    logger.log('Redis connection restored');
  });
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: RedisConnection,
      inject: [APP_CONFIG],
      useFactory: ({ redis }: AppConfig) =>
        new RedisConnection(redis.url ? connect(redis.url) : null, redis.keyPrefix),
    },
  ],
  exports: [RedisConnection],
})
export class RedisModule {}
