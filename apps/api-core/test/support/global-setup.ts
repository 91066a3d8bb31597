import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployMigrations, type EmbeddedDatabase, startEmbeddedDatabase } from '@biore/database/development';

declare global {
  // Read by global-teardown.ts, which Jest runs in the same context.
  var embeddedTestDatabase: EmbeddedDatabase | undefined;
}

/**
 * One migrated database for the run: the server DATABASE_URL names (CI: a fresh database on the machine's
 * PostgreSQL), or else an embedded one in a temporary folder. Tests create their own users, so they never
 * depend on what an earlier run left.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'biore-api-test-'));
    globalThis.embeddedTestDatabase = await startEmbeddedDatabase({ dataDir });
    process.env.DATABASE_URL = globalThis.embeddedTestDatabase.url;
  }
  await deployMigrations(process.env.DATABASE_URL);
}
