import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type PrismaClient } from '@biore/database';
import { startEmbeddedDatabase } from '@biore/database/development';

export interface EmptyDatabase {
  url: string;
  /** A client on it, to look at what the app did (or did not do) to it. */
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/**
 * A database of the test's own, never migrated nor seeded: a new one on the run's PostgreSQL server, or, when the
 * run's database is the embedded one (which serves a single database whatever the URL names), a second embedded one.
 */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const runUrl = process.env.DATABASE_URL ?? '';
  const name = `empty_${randomUUID().replaceAll('-', '')}`;
  const server = createPrismaClient({ url: runUrl });
  try {
    await server.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(runUrl);
    url.pathname = `/${name}`;
    const prisma = createPrismaClient({ url: url.toString() });
    const [{ database } = { database: '' }] = await prisma.$queryRaw<
      Array<{ database: string }>
    >`SELECT current_database() AS database`;
    if (database === name) {
      return {
        url: url.toString(),
        prisma,
        drop: async () => {
          await prisma.$disconnect();
          await server.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await server.$disconnect();
        },
      };
    }
    await prisma.$disconnect();
    await server.$disconnect();
  } catch (error) {
    await server.$disconnect();
    throw error;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'biore-empty-'));
  const embedded = await startEmbeddedDatabase({ dataDir });
  const prisma = createPrismaClient({ url: embedded.url });
  return {
    url: embedded.url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
