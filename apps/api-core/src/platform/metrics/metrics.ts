import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds: from an answer out of memory to a Stripe call retried up to its timeout. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/** The route label of a request no route matched (404s): raw paths would give one series per URL tried. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The app's one Prometheus registry, made with the app (bootstrap.ts) so the HTTP edge records into it before Nest
 * exists; served by MetricsEndpoint. The platform records requests and rate-limit refusals here, and whatever owns a
 * pool, a fallback, or Stripe calls registers its own metrics on `registry` (features record into the platform,
 * never the reverse). One registry per app, not prom-client's global one, so apps in one process never share series.
 */
export class Metrics {
  readonly registry = new Registry();

  private readonly requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Requests by method, route template and status (`aborted`: the client left before the answer)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  private readonly rateLimitRefusals = new Counter({
    name: 'rate_limit_refusals_total',
    help: 'Requests refused with 429 RATE_LIMIT_EXCEEDED, by limit: the route template, or a limit counted in code (login:account)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor() {
    // The process's own: CPU, memory, event-loop delay, open handles.
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(request: { method: string; route: string; status: string; seconds: number }): void {
    this.requests.observe(
      { method: request.method, route: request.route, status: request.status },
      request.seconds,
    );
  }

  countRateLimitRefusal(limit: string): void {
    this.rateLimitRefusals.inc({ limit });
  }
}
