import { mkdir } from 'node:fs/promises';

export interface EmbeddedDatabase {
  /** A PostgreSQL URL that the Prisma CLI and `@prisma/adapter-pg` use like any server's. */
  readonly url: string;
  close(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder that keeps the data between runs. */
  dataDir: string;
  /** Loopback port; 0 picks a free one. */
  port?: number;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a loopback socket, so that the app, the Prisma CLI and
 * the seed reach it through the same driver as a real server: nothing to install for a first run.
 */
export async function startEmbeddedDatabase({
  dataDir,
  port = 0,
}: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  // Loaded here, not with the package: a server on a real PostgreSQL never pays for PostgreSQL in WebAssembly.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const db = await PGlite.create(dataDir);
  // PGlite runs one query at a time; the socket server queues the rest, so many connections are safe.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
