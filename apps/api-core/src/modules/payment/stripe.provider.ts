import { randomBytes } from 'node:crypto';
import { demoStripeAccounts } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import Stripe from 'stripe';
import { currentRequestContext, type StripeCallLog } from '../../common/http/request-context.js';
import type { AppConfig, StripeConnection } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { StripeServiceUnavailableError } from './stripe.errors.js';

/** Where Stripe delivers webhooks (see modules/webhooks). */
export const WEBHOOK_PATH = '/api/v1/webhooks/stripe';

/** The one Stripe SDK client of the app, built from config; null when Stripe is not configured. */
export class StripeProvider implements OnApplicationShutdown {
  constructor(
    private readonly client: Stripe | null,
    /** Verifies webhook deliveries; undefined when none is configured. */
    readonly webhookSecret: string | undefined,
    private readonly emulator?: StripeEmulator,
  ) {}

  /** The client, or `creator.stripe.service_unavailable` when there is none. */
  requireStripe(): Stripe {
    if (!this.client) throw new StripeServiceUnavailableError();
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.close();
  }
}

export const stripeProvider: Provider = {
  provide: StripeProvider,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    createStripeProvider(config.stripe, `${config.urls.publicApi}${WEBHOOK_PATH}`),
};

async function createStripeProvider(
  connection: StripeConnection,
  webhookUrl: string,
): Promise<StripeProvider> {
  const logger = new Logger('Stripe');
  switch (connection.mode) {
    case 'unconfigured':
      logger.warn('Stripe is not configured: Stripe-backed routes answer creator.stripe.service_unavailable');
      return new StripeProvider(null, undefined);
    case 'remote':
      return new StripeProvider(
        observed(new Stripe(connection.secretKey, sdkOptions(connection, connection.apiBase))),
        connection.webhookSecret,
      );
    case 'emulator': {
      // The emulator runs beside the API on loopback, so a first run needs no Stripe account; it delivers its
      // webhooks to this API, signed with a secret made for this run.
      const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
      // Loaded only in this mode: a server talking to Stripe carries no emulator.
      const { startStripeEmulator } = await import('@biore/stripe-emulator');
      const emulator = await startStripeEmulator({
        port: connection.port,
        seed: { accounts: demoStripeAccounts() },
        webhookEndpoints: [{ url: webhookUrl, secret: webhookSecret }],
      });
      logger.log(`No STRIPE_SECRET_KEY: using the local Stripe emulator at ${emulator.url}`);
      const client = observed(new Stripe(emulator.secretKey, sdkOptions(connection, new URL(emulator.url))));
      return new StripeProvider(client, webhookSecret, emulator);
    }
  }
}

/**
 * Every Stripe answer is logged with Stripe's request id, what Stripe support asks for first: on the access line of
 * the request that made the call, or on a line of its own for a call made outside any request or answered after
 * its request's line was written (the client gave up first).
 */
function observed(client: Stripe): Stripe {
  const logger = new Logger('Stripe');
  client.on('response', (response: Stripe.ResponseEvent) => {
    const call: StripeCallLog = {
      stripeRequestId: response.request_id,
      method: response.method,
      path: response.path,
      status: response.status,
      elapsedMs: response.elapsed,
    };
    const request = currentRequestContext();
    if (!request || request.accessLineWritten) logger.log(call, 'Stripe call');
    else if (request.stripeCalls) request.stripeCalls.push(call);
    else request.stripeCalls = [call];
  });
  return client;
}

function sdkOptions(connection: { timeoutMs: number; maxNetworkRetries: number }, apiBase: URL | undefined) {
  const options: Stripe.StripeConfig = {
    timeout: connection.timeoutMs,
    // Retried POSTs carry the SDK's one idempotency key, so a retry never creates a second object.
    maxNetworkRetries: connection.maxNetworkRetries,
    telemetry: false,
  };
  if (!apiBase) return options;
  const protocol = apiBase.protocol === 'http:' ? ('http' as const) : ('https' as const);
  return {
    ...options,
    host: apiBase.hostname,
    port: Number(apiBase.port) || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}
