import { randomBytes } from 'node:crypto';
import {
  demoStripeAccounts,
  deployMigrations,
  seedDemoData,
  startEmbeddedDatabase,
} from '@biore/database/development';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { STRIPE_API_VERSION } from '../features/stripe-connect/stripe/stripe-client.js';
import { HANDLED_STRIPE_EVENTS } from '../features/stripe-connect/webhooks/handled-events.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { InjectConfig } from '../platform/config/config.module.js';
import { DatabaseModule } from '../platform/database/database.module.js';
import { PrismaService } from '../platform/database/prisma.service.js';
import { apiPath } from '../routes.js';

const logger = new Logger('Development');
type Stop = () => Promise<void>;
const STARTED_SERVICES = Symbol('StartedDevelopmentServices');

/**
 * What a machine without PostgreSQL or a Stripe account needs to run the API, started before Nest so the app sees
 * an ordinary database URL and Stripe endpoint: an embedded PostgreSQL (PGlite) migrated on start, the local Stripe
 * emulator delivering signed webhooks to this API, and the contract's demo users. Never loaded in production.
 */
export async function startDevelopmentServices(
  config: AppConfig,
): Promise<{ config: AppConfig; module: DynamicModule }> {
  const stops: Stop[] = [];
  try {
    const database = await developmentDatabase(config, stops);
    const stripe = await developmentStripe(config, stops);
    return {
      config: { ...config, database, stripe },
      module: {
        module: DevelopmentModule,
        // Imported here so that Nest closes the database's pool before these services stop.
        imports: [DatabaseModule],
        providers: [{ provide: STARTED_SERVICES, useValue: stops }, DevelopmentLifecycle],
      },
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

@Module({})
export class DevelopmentModule {}

@Injectable()
class DevelopmentLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly prisma: PrismaService,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(STARTED_SERVICES) private readonly stops: Stop[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    await seedDemoData(this.prisma, this.config.environment);
    logger.log('Demo users seeded (password: demo-password)');
  }

  onApplicationShutdown(): Promise<void> {
    return stopAll(this.stops);
  }
}

async function developmentDatabase(config: AppConfig, stops: Stop[]): Promise<AppConfig['database']> {
  const { database } = config;
  if (database.mode === 'server') {
    // Only when asked (DATABASE_MIGRATE_ON_START): a URL may name a shared or real database, which is migrated once
    // per release (`pnpm db:migrate:deploy`, compose's `migrate` service), not by whichever instance starts first.
    if (database.migrateOnStart) await deployMigrations(database.url);
    return database;
  }
  const embedded = await startEmbeddedDatabase({ dataDir: database.dataDir });
  stops.push(() => embedded.close());
  await deployMigrations(embedded.url);
  logger.log(`No DATABASE_URL: embedded PostgreSQL (PGlite) in ${database.dataDir}, migrated`);
  const { dataDir: _, ...settings } = database;
  return { ...settings, mode: 'server', url: embedded.url, migrateOnStart: false };
}

async function developmentStripe(config: AppConfig, stops: Stop[]): Promise<AppConfig['stripe']> {
  const { stripe } = config;
  if (stripe.mode !== 'emulator') return stripe;
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const { startStripeEmulator } = await import('@biore/stripe-emulator');
  const emulator = await startStripeEmulator({
    port: stripe.port,
    seed: { accounts: demoStripeAccounts() },
    // As the README tells operators to set up the real one: a Connect endpoint, at the pinned version, for the
    // events the API handles.
    webhookEndpoints: [
      {
        url: `${config.urls.publicApi}${apiPath('webhooks', 'stripe')}`,
        secret: webhookSecret,
        connect: true,
        enabled_events: [...HANDLED_STRIPE_EVENTS],
        api_version: STRIPE_API_VERSION,
      },
    ],
  });
  stops.push(() => emulator.close());
  logger.log(`No STRIPE_SECRET_KEY: using the local Stripe emulator at ${emulator.url}`);
  return {
    mode: 'remote',
    secretKey: emulator.secretKey,
    apiBase: new URL(emulator.url),
    webhookSecrets: [webhookSecret],
    timeoutMs: stripe.timeoutMs,
    maxNetworkRetries: stripe.maxNetworkRetries,
    maxSockets: stripe.maxSockets,
  };
}

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}
