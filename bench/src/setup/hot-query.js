/**
 * The route's two queries, explained by PostgreSQL with the plan actually run and the pages it touched: the
 * sign-out check on the user and the token (the API's SQL, copied in bench/baseline/token-standing.js) and the
 * creator profile by user id, as Prisma sends it. Each must stay one indexed lookup however many creators there are.
 */
import { TOKEN_STANDING_SQL, tokenDigest } from '../../baseline/token-standing.js';
import { withClient } from './database.js';

/** The API's and the baseline's select for dashboard-link. */
const DASHBOARD_LINK_SELECT = { id: true, stripeAccountId: true, stripeAccountStatus: true };

/**
 * @typedef {object} ExplainedQuery
 * @property {string} name
 * @property {string} sql as sent
 * @property {string[]} firstRun EXPLAIN (ANALYZE, BUFFERS) lines, the first time the row is read after seeding
 * @property {string[]} warm the same, read again (the steady state under load)
 */

/**
 * @typedef {object} HotQueryPlan
 * @property {ExplainedQuery[]} queries
 * @property {{ table: string, sizeMb: number, indexesMb: number, rows: number }[]} relations
 */

/** @param {unknown} params Prisma's query event gives them as a JSON array */
function parameterValues(params) {
  const values = typeof params === 'string' ? JSON.parse(params) : params;
  return Array.isArray(values) ? values : [];
}

/** The profile lookup's SQL and values, from Prisma's query event. @param {string} url @param {string} userId */
async function profileLookupAsSent(url, userId) {
  const { createPgAdapter, PrismaClient } = await import('@biore/database');
  const prisma = new PrismaClient({
    adapter: createPgAdapter({ url, poolSize: 1 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  /** @type {{ query: string, params: unknown } | undefined} */
  let sent;
  prisma.$on('query', (event) => {
    sent ??= event;
  });
  try {
    await prisma.creatorProfile.findUnique({ where: { userId }, select: DASHBOARD_LINK_SELECT });
  } finally {
    await prisma.$disconnect();
  }
  if (!sent) throw new Error('Prisma reported no query for the creator profile lookup');
  return { sql: sent.query, values: parameterValues(sent.params) };
}

/**
 * @param {string} url
 * @param {{ userId: string, token: string }} caller a creator and their access token
 * @returns {Promise<HotQueryPlan>}
 */
export async function explainHotQueries(url, { userId, token }) {
  const profileLookup = await profileLookupAsSent(url, userId);
  const queries = [
    { name: 'sign-out check', sql: TOKEN_STANDING_SQL, values: [tokenDigest(token), userId] },
    { name: 'creator profile by user id', ...profileLookup },
  ];
  return withClient(url, async (client) => {
    const explain = async (/** @type {string} */ sql, /** @type {unknown[]} */ values) => {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
      return rows.map((row) => row['QUERY PLAN']);
    };
    /** @type {ExplainedQuery[]} */
    const explained = [];
    for (const { name, sql, values } of queries) {
      const firstRun = await explain(sql, values);
      explained.push({ name, sql, firstRun, warm: await explain(sql, values) });
    }
    const { rows } = await client.query(
      `SELECT relname AS table, pg_table_size(oid) AS table_bytes, pg_indexes_size(oid) AS index_bytes,
              reltuples::bigint AS rows
       FROM pg_class WHERE relname IN ('users', 'creator_profiles') ORDER BY relname`,
    );
    const megabytes = (/** @type {string} */ bytes) => Number((Number(bytes) / 1024 / 1024).toFixed(1));
    return {
      queries: explained,
      relations: rows.map((row) => ({
        table: row.table,
        sizeMb: megabytes(row.table_bytes),
        indexesMb: megabytes(row.index_bytes),
        rows: Number(row.rows),
      })),
    };
  });
}
