/**
 * The route's one query (the creator profile by user id), as Prisma sends it, explained by PostgreSQL with the
 * plan actually run and the pages it touched: what must stay one indexed lookup however many creators there are.
 */
import { withClient } from './database.js';

/** The API's and the baseline's select for dashboard-link. */
const DASHBOARD_LINK_SELECT = { stripeAccountId: true, stripeAccountStatus: true };

/**
 * @typedef {object} HotQueryPlan
 * @property {string} sql as Prisma sent it
 * @property {string[]} firstRun EXPLAIN (ANALYZE, BUFFERS) lines, the first time this row is read
 * @property {string[]} warm the same, read again (the steady state under load)
 * @property {{ table: string, sizeMb: number, indexesMb: number, rows: number }[]} relations
 */

/** @param {unknown} params Prisma's query event gives them as a JSON array */
function parameterValues(params) {
  const values = typeof params === 'string' ? JSON.parse(params) : params;
  return Array.isArray(values) ? values : [];
}

/**
 * @param {string} url
 * @param {string} userId a creator's user id
 * @returns {Promise<HotQueryPlan>}
 */
export async function explainHotQuery(url, userId) {
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
  const { query, params } = sent;

  return withClient(url, async (client) => {
    const explain = async () => {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameterValues(params));
      return rows.map((row) => row['QUERY PLAN']);
    };
    const firstRun = await explain();
    const warm = await explain();
    const { rows } = await client.query(
      `SELECT relname AS table, pg_table_size(oid) AS table_bytes, pg_indexes_size(oid) AS index_bytes,
              reltuples::bigint AS rows
       FROM pg_class WHERE relname IN ('users', 'creator_profiles') ORDER BY relname`,
    );
    const megabytes = (/** @type {string} */ bytes) => Number((Number(bytes) / 1024 / 1024).toFixed(1));
    return {
      sql: query,
      firstRun,
      warm,
      relations: rows.map((row) => ({
        table: row.table,
        sizeMb: megabytes(row.table_bytes),
        indexesMb: megabytes(row.index_bytes),
        rows: Number(row.rows),
      })),
    };
  });
}
