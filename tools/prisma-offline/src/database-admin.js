import pg from 'pg';
import { CONNECT_TIMEOUT_MS, describeDatabaseUrl, quoteIdentifier, withDatabase } from './database-url.js';
import { toUserFacingError } from './user-facing-errors.js';

/**
 * Throws the native engine's error (P1001, P1003, P1000, ...) when the database of `url` cannot be used.
 * @param {string} url
 */
export async function checkConnection(url) {
  await withClient(url, url, async () => {});
}

/**
 * Creates the database named in `url` (and its `?schema=`), connecting to the server's `postgres` database.
 * @param {string} url
 * @returns {Promise<string>} the database name
 */
export async function createDatabase(url) {
  const { database, schema } = describeDatabaseUrl(url);
  await withMaintenanceClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(database)}`));
  if (schema && schema !== 'public') {
    await withClient(url, url, (client) =>
      client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`),
    );
  }
  return database;
}

/**
 * Drops the database named in `url`, connecting to the server's `postgres` database.
 * @param {string} url
 */
export async function dropDatabase(url) {
  const { database } = describeDatabaseUrl(url);
  await withMaintenanceClient(url, (client) => client.query(`DROP DATABASE ${quoteIdentifier(database)}`));
}

/**
 * @param {string} url
 * @param {(client: pg.Client) => Promise<unknown>} work
 */
async function withMaintenanceClient(url, work) {
  await withClient(url, withDatabase(url, 'postgres'), work);
}

/**
 * @param {string} url the URL errors are reported against (the user's, not the maintenance database's)
 * @param {string} connectTo
 * @param {(client: pg.Client) => Promise<unknown>} work
 */
async function withClient(url, connectTo, work) {
  const client = new pg.Client({ connectionString: connectTo, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that goes away mid-way emits 'error' on the client; without a listener that would crash the process.
  client.on('error', () => {});
  try {
    await client.connect().catch((error) => {
      throw toUserFacingError(error, url, { connecting: true }) ?? error;
    });
    await work(client).catch((error) => {
      throw toUserFacingError(error, url, { connecting: false }) ?? error;
    });
  } finally {
    await client.end().catch(() => {});
  }
}
