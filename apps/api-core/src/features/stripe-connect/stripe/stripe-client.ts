import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Logger, type Provider } from '@nestjs/common';
import Stripe from 'stripe';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { APP_CONFIG } from '../../../platform/config/config.module.js';
import { StripeConnectMetrics, type StripeRequestOutcome } from '../stripe-connect.metrics.js';
import { CallSlots } from './call-slots.js';

/** The one `stripe` SDK client of the app (null when Stripe is not configured); only StripeGateway uses it. */
export const STRIPE_CLIENT = Symbol('StripeClient');

/**
 * The API version every request asks for, pinned here rather than left to the SDK's default, so upgrading the
 * package cannot change what Stripe sends us unnoticed. The Connect webhook endpoint must use the same version
 * (README: "Stripe webhook endpoint"), so events carry objects in the shape this code reads.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

export const stripeClientProvider: Provider = {
  provide: STRIPE_CLIENT,
  inject: [APP_CONFIG, StripeConnectMetrics],
  useFactory: ({ stripe }: AppConfig, metrics: StripeConnectMetrics): Stripe | null => {
    if (stripe.mode !== 'remote') {
      new Logger('Stripe').warn(
        'Stripe is not configured: Stripe-backed routes answer creator.stripe.service_unavailable',
      );
      return null;
    }
    return new Stripe(stripe.secretKey, sdkOptions(stripe, metrics));
  },
};

function sdkOptions(
  stripe: Extract<AppConfig['stripe'], { mode: 'remote' }>,
  metrics: StripeConnectMetrics,
): Stripe.StripeConfig {
  const protocol = stripe.apiBase?.protocol === 'http:' ? 'http' : 'https';
  const options: Stripe.StripeConfig = {
    httpClient: new MeasuredHttpClient(
      Stripe.createNodeHttpClient(connectionsTo(protocol, stripe)),
      new CallSlots(stripe.maxSockets),
      metrics,
    ),
    apiVersion: STRIPE_API_VERSION,
    timeout: stripe.timeoutMs,
    // Retried POSTs carry the SDK's one idempotency key, so a retry never creates a second object.
    maxNetworkRetries: stripe.maxNetworkRetries,
    telemetry: false,
  };
  if (!stripe.apiBase) return options;
  return {
    ...options,
    host: stripe.apiBase.hostname,
    port: Number(stripe.apiBase.port) || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}

/**
 * Node's keep-alive agent, as the SDK would use, but keeping every connection it opened while idle (up to
 * STRIPE_MAX_SOCKETS) instead of Node's default 256: under many calls at once, the ones over 256 were closed and
 * opened again moments later, each a new TCP and TLS handshake (bench/RESULTS.md, "Slow Stripe"). An idle connection
 * is closed after IDLE_CONNECTION_TIMEOUT_MS, as Node's global agent does, before Stripe's side would close it.
 */
function connectionsTo(
  protocol: 'http' | 'https',
  { maxSockets }: Extract<AppConfig['stripe'], { mode: 'remote' }>,
): http.Agent {
  const options: http.AgentOptions = {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    timeout: IDLE_CONNECTION_TIMEOUT_MS,
  };
  return protocol === 'http' ? new http.Agent(options) : new https.Agent(options);
}

const IDLE_CONNECTION_TIMEOUT_MS = 5_000;

/**
 * The SDK's own Node HTTP client, each attempt of which (retries included) is measured: its latency and how it
 * ended, including the attempts that got no answer (timeouts, dropped connections). An attempt first takes one of
 * STRIPE_MAX_SOCKETS slots, so Node's agent never queues it: a request queued there waits for a socket with no limit,
 * since its timeout starts only once it has one. Here the wait counts against the attempt's timeout.
 */
class MeasuredHttpClient extends Stripe.HttpClient {
  constructor(
    private readonly client: Stripe.HttpClient,
    private readonly slots: CallSlots,
    private readonly metrics: StripeConnectMetrics,
  ) {
    super();
  }

  override getClientName(): string {
    return this.client.getClientName();
  }

  override async makeRequest(
    ...request: Parameters<Stripe.HttpClient['makeRequest']>
  ): ReturnType<Stripe.HttpClient['makeRequest']> {
    const [host, port, path, method, headers, body, protocol, timeoutMs] = request;
    const startedAt = performance.now();
    const observe = (outcome: StripeRequestOutcome) =>
      this.metrics.observeRequest({
        method,
        path: stripePathTemplate(path),
        outcome,
        seconds: (performance.now() - startedAt) / 1_000,
      });
    let holdsSlot = false;
    try {
      if (!this.slots.tryTake()) await this.slots.take(timeoutMs);
      holdsSlot = true;
      const timeLeftMs = Math.max(1, Math.round(timeoutMs - (performance.now() - startedAt)));
      const response = await this.client.makeRequest(
        host,
        port,
        path,
        method,
        headers,
        body,
        protocol,
        timeLeftMs,
      );
      // The connection is free again once the body is read or discarded, which closes the response.
      (response.getRawResponse() as IncomingMessage).once('close', () => this.slots.give());
      holdsSlot = false;
      observe(outcomeOf(response.getStatusCode()));
      return response;
    } catch (error) {
      if (holdsSlot) this.slots.give();
      const timedOut = (error as { code?: unknown }).code === Stripe.HttpClient.TIMEOUT_ERROR_CODE;
      observe(timedOut ? 'timeout' : 'connection_error');
      throw error;
    }
  }
}

function outcomeOf(status: number): StripeRequestOutcome {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'failed';
  return status >= 400 ? 'rejected' : 'ok';
}

/** A path segment that is a Stripe id: a prefix, `_`, then letters and digits with at least one digit or capital. */
const STRIPE_ID_SEGMENT = /\/[a-z]+_(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z0-9]+(?=\/|$)/g;

/**
 * `/v1/accounts/acct_1Ab2/login_links?x=1` → `/v1/accounts/{id}/login_links`: one series per kind of call, not per
 * account. Stripe's ids carry a digit or a capital after their prefix (`acct_1Ab2…`); resource names never do.
 */
function stripePathTemplate(path: string): string {
  const queryAt = path.indexOf('?');
  return (queryAt === -1 ? path : path.slice(0, queryAt)).replace(STRIPE_ID_SEGMENT, '/{id}');
}
