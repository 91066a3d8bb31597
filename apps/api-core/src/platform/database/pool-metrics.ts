import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics/metrics.js';

/** What the metrics read of a `pg` pool, at each scrape. */
export interface ConnectionPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * The instance's PostgreSQL pool: connections busy and idle against DATABASE_POOL_SIZE, and queries waiting for one
 * (a pool too small, or a database too slow: they wait up to DATABASE_CONNECT_TIMEOUT_MS, then answer 503).
 */
export function registerPoolMetrics(metrics: Metrics, pool: ConnectionPool, maxConnections: number): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'database_pool_connections',
    help: 'PostgreSQL connections of this instance, by state (busy: lent to a query or a transaction)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
    },
  });
  new Gauge({
    name: 'database_pool_max_connections',
    help: 'DATABASE_POOL_SIZE: the most connections this instance opens',
    registers,
    collect() {
      this.set(maxConnections);
    },
  });
  new Gauge({
    name: 'database_pool_waiting_queries',
    help: 'Queries waiting for a free connection of the pool',
    registers,
    collect() {
      this.set(pool.waitingCount);
    },
  });
}
