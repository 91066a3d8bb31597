import { PrismaPg } from '@prisma/adapter-pg';
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

/** The driver adapter every PrismaClient of the project runs on (Prisma 7: pure TypeScript over `pg`). */
export function createPgAdapter({
  url,
  poolSize = 10,
  connectionTimeoutMs = 5_000,
  queryTimeoutMs,
}: DatabaseConnectionOptions): PrismaPg {
  return new PrismaPg({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
    ...(queryTimeoutMs !== undefined && { query_timeout: queryTimeoutMs, statement_timeout: queryTimeoutMs }),
  });
}

export function createPrismaClient(options: DatabaseConnectionOptions): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter(options) });
}
