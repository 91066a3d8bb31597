import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS_SECONDS, Metrics } from '../../platform/metrics/metrics.js';

/** How an HTTP attempt at Stripe ended. */
export type StripeRequestOutcome =
  | 'ok'
  | 'rejected'
  | 'rate_limited'
  | 'failed'
  | 'timeout'
  | 'connection_error';

/** How a delivery to the webhook route ended: the receipt's outcome, or why it was refused or failed. */
export type WebhookDeliveryOutcome =
  | 'APPLIED'
  | 'STALE'
  | 'IGNORED'
  | 'DUPLICATE'
  | 'signature_invalid'
  | 'not_configured'
  | 'failed';

/** Stripe as operators watch it, recorded into the platform's registry. */
@Injectable()
export class StripeConnectMetrics {
  private readonly requests: Histogram<'method' | 'path' | 'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly deliveryLag: Histogram;

  constructor(metrics: Metrics) {
    const registers = [metrics.registry];
    this.requests = new Histogram({
      name: 'stripe_request_duration_seconds',
      help: 'Every HTTP attempt at Stripe (each retry is one), by method, path template and outcome: ok, rejected (4xx), rate_limited (429), failed (5xx), timeout, connection_error',
      labelNames: ['method', 'path', 'outcome'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.deliveries = new Counter({
      name: 'stripe_webhook_deliveries_total',
      help: "Deliveries to the Stripe webhook by outcome: the receipt's (APPLIED, STALE, IGNORED, DUPLICATE), refused (signature_invalid, not_configured) or failed (Stripe retries it)",
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryLag = new Histogram({
      name: 'stripe_webhook_lag_seconds',
      help: "From an event's creation at Stripe to its verified delivery here; Stripe's retries of deliveries that failed show as long lags",
      buckets: [1, 5, 15, 60, 300, 900, 3_600, 21_600, 86_400],
      registers,
    });
  }

  observeRequest(request: {
    method: string;
    path: string;
    outcome: StripeRequestOutcome;
    seconds: number;
  }): void {
    this.requests.observe(
      { method: request.method, path: request.path, outcome: request.outcome },
      request.seconds,
    );
  }

  countDelivery(outcome: WebhookDeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }

  observeDeliveryLag(seconds: number): void {
    this.deliveryLag.observe(Math.max(0, seconds));
  }
}
