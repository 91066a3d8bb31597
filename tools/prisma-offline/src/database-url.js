// Native quaint gives up connecting after 5 s; `pg` would otherwise wait for the operating system's TCP timeout.
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * What Prisma's error messages say about a PostgreSQL connection string.
 * @typedef {{ host: string, port: number, database: string, user: string, schema: string | undefined }} DatabaseLocation
 */

/**
 * @param {string} url a `postgres://` or `postgresql://` connection string
 * @returns {DatabaseLocation}
 */
export function describeDatabaseUrl(url) {
  const parsed = parsePostgresUrl(url);
  return {
    // A Unix socket directory may be given as `?host=/run/postgresql` instead of in the authority.
    host: parsed.hostname || parsed.searchParams.get('host') || 'localhost',
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(parsed.username),
    schema: parsed.searchParams.get('schema') ?? undefined,
  };
}

/**
 * The same connection string pointing at another database of the same server. Rewriting the URL, rather than
 * passing `{ connectionString, database }` to `pg`, matters: `pg` lets the connection string win over `database`.
 * @param {string} url
 * @param {string} database
 */
export function withDatabase(url, database) {
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}

/** @param {string} name */
export function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** @param {string} url */
function parsePostgresUrl(url) {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new TypeError(`Only PostgreSQL is supported, got a \`${parsed.protocol}\` URL`);
  }
  return parsed;
}
