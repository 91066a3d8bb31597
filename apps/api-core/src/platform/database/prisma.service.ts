import { createPgPool, PrismaClient, pgAdapterOn } from '@biore/database';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { ConnectionPool } from './pool-metrics.js';

export class DatabaseUnreachableError extends Error {}

/** The app's one PrismaClient, on the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly location: string;
  /** The connections the client runs on, watched by the metrics (pool-metrics.ts). */
  readonly pool: ConnectionPool;

  constructor(@InjectConfig() { database }: AppConfig) {
    if (database.mode !== 'server') {
      // Only the development module starts an embedded database, and it hands its URL on before Nest starts.
      throw new Error('No DATABASE_URL, and no embedded database was started');
    }
    const { url, poolSize, connectTimeoutMs, queryTimeoutMs } = database;
    // Both timeouts bound every wait on the database, so an unreachable or hung server answers a caller with
    // 503 (see database-unavailable.ts) instead of holding the request.
    const pool = createPgPool({ url, poolSize, connectionTimeoutMs: connectTimeoutMs, queryTimeoutMs });
    super({ adapter: pgAdapterOn(pool) });
    this.pool = pool;
    const { hostname, port, pathname } = new URL(url);
    this.location = `${hostname}:${port || 5432}${pathname}`;
  }

  /** Fails start-up, naming the server but never the credentials, when the database cannot be reached. */
  async onModuleInit(): Promise<void> {
    try {
      await this.$queryRaw`SELECT 1`;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnreachableError(`Cannot connect to the database at ${this.location}: ${reason}`);
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.$disconnect();
  }
}
