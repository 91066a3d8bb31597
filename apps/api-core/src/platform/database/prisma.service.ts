import { createPgAdapter, PrismaClient } from '@biore/database';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';

export class DatabaseUnreachableError extends Error {}

/** The app's one PrismaClient, on the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly location: string;

  constructor(@InjectConfig() { database }: AppConfig) {
    if (database.mode !== 'server') {
      // Only the development module starts an embedded database, and it hands its URL on before Nest starts.
      throw new Error('No DATABASE_URL, and no embedded database was started');
    }
    const { url, poolSize, connectTimeoutMs, queryTimeoutMs } = database;
    // Both timeouts bound every wait on the database, so an unreachable or hung server answers a caller with
    // 503 (see database-unavailable.ts) instead of holding the request.
    super({
      adapter: createPgAdapter({
        url,
        poolSize,
        connectionTimeoutMs: connectTimeoutMs,
        queryTimeoutMs,
      }),
    });
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
