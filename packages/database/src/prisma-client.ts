import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface DatabaseConnectionOptions {
  url: string;
  /** Most connections the pool opens. */
  poolSize?: number;
  /** How long to wait for a connection before failing, so an unreachable database never hangs a caller. */
  connectionTimeoutMs?: number;
  /**
   * Longest a query may take: the client gives up (`query_timeout`, which also covers a server that stopped
   * answering) and the server cancels it (`statement_timeout`). Unset: no limit.
   */
  queryTimeoutMs?: number;
}

/**
 * The connection pool a PrismaClient runs on, made here so that its owner can also watch it (`totalCount`,
 * `idleCount`, `waitingCount`).
 */
export function createPgPool({
  url,
  poolSize = 10,
  connectionTimeoutMs = 5_000,
  queryTimeoutMs,
}: DatabaseConnectionOptions): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
    ...(queryTimeoutMs !== undefined && { query_timeout: queryTimeoutMs, statement_timeout: queryTimeoutMs }),
  });
}

/**
 * The driver adapter every PrismaClient of the project runs on (Prisma 7: pure TypeScript over `pg`), over `pool`;
 * disconnecting the client ends the pool.
 */
export function pgAdapterOn(pool: pg.Pool): PrismaPg {
  return new PrismaPg(pool, { disposeExternalPool: true });
}

export function createPgAdapter(options: DatabaseConnectionOptions): PrismaPg {
  return pgAdapterOn(createPgPool(options));
}

export function createPrismaClient(options: DatabaseConnectionOptions): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter(options) });
}
