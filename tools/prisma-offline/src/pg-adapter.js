import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { CONNECT_TIMEOUT_MS, describeDatabaseUrl, quoteIdentifier, withDatabase } from './database-url.js';

/** @typedef {import('@prisma/driver-adapter-utils').SqlDriverAdapter} SqlDriverAdapter */
/** @typedef {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} SqlMigrationAwareDriverAdapterFactory */

/**
 * The `datasource` object Prisma's CLI passes to the engine as `--datasource <json>`.
 * @typedef {{ url?: string, shadowDatabaseUrl?: string }} Datasource
 */

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * `@prisma/adapter-pg` refuses columns of PostgreSQL's internal one-byte `"char"` type, which the engine's schema
 * describer selects from the catalogs (`relkind`, `contype`, ...). Their text form is the character itself, so we
 * relabel them as `text` before the adapter sees the row description.
 */
class CharAsTextClient extends pg.Client {
  /** @param {pg.ClientConfig} config */
  constructor(config) {
    super(config);
    // Registered before the client attaches its own listener (on connect), so it runs first.
    /** @type {{ connection: import('node:events').EventEmitter }} */ (
      /** @type {unknown} */ (this)
    ).connection.on(
      'rowDescription',
      /** @param {{ fields: { dataTypeID: number }[] }} message */
      (message) => {
        for (const field of message.fields) {
          if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
        }
      },
    );
  }
}

/**
 * The driver adapter factory the WebAssembly engine talks to the database through.
 * @param {Datasource & { url: string }} datasource
 * @returns {SqlMigrationAwareDriverAdapterFactory}
 */
export function createAdapterFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectOneSession(url),
    // PrismaPg's own connectToShadowDb drops the database before closing its pool, and with a connection string it
    // connects the "shadow" pool to the main database; so we manage the throwaway database ourselves.
    connectToShadowDb: () =>
      shadowDatabaseUrl
        ? connectToConfiguredShadowDatabase(url, shadowDatabaseUrl)
        : connectToThrowawayDatabase(url),
  };
}

/**
 * An adapter over exactly one connection, which runs each script as a single query.
 *
 * One connection, because the engine takes a session-level advisory lock before migrating and that lock only
 * protects the scripts that run in the same session. One query per script, because PrismaPg's `executeScript`
 * splits scripts on `;` (breaking `$$` bodies) and runs the pieces one by one, so a failing migration would be
 * left half applied; sent whole through the simple query protocol, a script runs in one implicit transaction and
 * rolls back as a whole, as with the native engine.
 * @param {string} url
 * @returns {Promise<SqlDriverAdapter>}
 */
async function connectOneSession(url) {
  const { schema } = describeDatabaseUrl(url);
  const factory = new PrismaPg(
    {
      connectionString: url,
      max: 1,
      // Never close the idle connection: it would release the advisory lock, and its timer keeps the process alive.
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      Client: CharAsTextClient,
      // Prisma's `?schema=` has no meaning to PostgreSQL; the native engine turns it into the search path.
      ...(schema ? { options: `-c search_path=${quoteIdentifier(schema)}` } : {}),
    },
    schema ? { schema } : undefined,
  );
  const adapter = await factory.connect();
  // `pg` uses the simple query protocol when a query has no parameters, and executeRaw keeps the adapter's
  // translation of PostgreSQL errors into the codes the engine understands.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * Creates `prisma_migrate_shadow_db_<uuid>` next to the main database, the way the native engine does, and drops it
 * when the engine disposes of the adapter.
 * @param {string} url
 * @returns {Promise<SqlDriverAdapter>}
 */
async function connectToThrowawayDatabase(url) {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runOnServer(url, `CREATE DATABASE ${quoteIdentifier(name)}`);
  const adapter = await connectOneSession(withDatabase(url, name));
  const closePool = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await closePool();
    await runOnServer(url, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  };
  return adapter;
}

/**
 * Empties the configured shadow database before use, as the native engine does: the engine replays the whole
 * migration history on it and would trip over what an earlier run left behind.
 * @param {string} url
 * @param {string} shadowDatabaseUrl
 * @returns {Promise<SqlDriverAdapter>}
 */
async function connectToConfiguredShadowDatabase(url, shadowDatabaseUrl) {
  const main = describeDatabaseUrl(url);
  const shadow = describeDatabaseUrl(shadowDatabaseUrl);
  if (main.host === shadow.host && main.port === shadow.port && main.database === shadow.database) {
    throw new Error('The shadow database you configured appears to be the same as the main database.');
  }
  const adapter = await connectOneSession(shadowDatabaseUrl);
  const schema = quoteIdentifier(shadow.schema ?? 'public');
  await adapter.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  return adapter;
}

/**
 * Runs a statement that cannot run inside a transaction on a connection of its own, so it neither waits for nor
 * disturbs the engine's session; failures come out as adapter errors the engine can report.
 * @param {string} url
 * @param {string} sql
 */
async function runOnServer(url, sql) {
  const adapter = await connectOneSession(url);
  try {
    await adapter.executeScript(sql);
  } finally {
    await adapter.dispose();
  }
}
