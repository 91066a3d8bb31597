/** A throwaway PostgreSQL database per bench session: created, migrated, seeded, dropped. */
import pg from 'pg';

/** @param {string} serverUrl @param {string} database */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** @param {string} serverUrl @param {(client: pg.Client) => Promise<void>} work */
async function withClient(serverUrl, work) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
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
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`).then(() => {}));
  // Imported here, not above: the bench builds @biore/database before it gets this far.
  const { deployMigrations } = await import('@biore/database');
  await deployMigrations(databaseUrl(serverUrl, database));
}

/** Drops the database, ending any connection still open on it. @param {string} serverUrl @param {string} database */
export async function dropDatabase(serverUrl, database) {
  await withClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).then(() => {}),
  );
}

/**
 * One statement per table: every creator as a user with an ACTIVE creator profile.
 * @param {string} url
 * @param {import('./creators.js').Creator[]} creators
 */
export async function insertActiveCreators(url, creators) {
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO users (id, email, password_hash, updated_at)
       SELECT id, email, 'not-a-password-hash', now() FROM unnest($1::uuid[], $2::text[]) AS u(id, email)`,
      [creators.map((c) => c.userId), creators.map((c) => c.email)],
    );
    await client.query(
      `INSERT INTO creator_profiles (id, user_id, stripe_account_id, stripe_account_status, updated_at)
       SELECT gen_random_uuid(), user_id, account_id, 'ACTIVE', now()
       FROM unnest($1::uuid[], $2::text[]) AS p(user_id, account_id)`,
      [creators.map((c) => c.userId), creators.map((c) => c.stripeAccountId)],
    );
  });
}
