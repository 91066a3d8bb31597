/** Throwaway PostgreSQL databases for a bench session: created, migrated, dropped. */
import pg from 'pg';

/** @param {string} serverUrl @param {string} database */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `database` and applies the project's migrations to it.
 * @param {string} serverUrl a URL of the server's maintenance database
 * @param {string} database a plain identifier (letters, digits, underscores)
 */
export async function createMigratedDatabase(serverUrl, database) {
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  // Imported here, not above: the bench builds @biore/database before it gets this far.
  const { deployMigrations } = await import('@biore/database/development');
  await deployMigrations(databaseUrl(serverUrl, database));
}

/** Drops the database, ending any connection still open on it. @param {string} serverUrl @param {string} database */
export async function dropDatabase(serverUrl, database) {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}
