import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployMigrations, startEmbeddedDatabase } from '@biore/database';

/**
 * One migrated database for the run: the server DATABASE_URL names (CI: a fresh database on the machine's
 * PostgreSQL), or else an embedded one in a temporary folder. Tests create their own users, so they never
 * depend on what an earlier run left.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedDatabase({ dataDir: await mkdtemp(path.join(tmpdir(), 'biore-api-test-')) });
  if (embedded) process.env.DATABASE_URL = embedded.url;
  await deployMigrations(process.env.DATABASE_URL ?? '');
  return async () => embedded?.close();
}
