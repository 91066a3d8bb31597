import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { type StripeEmulator, startStripeEmulator } from '@biore/stripe-emulator';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { PrismaService } from '../../src/platform/database/prisma.service.js';

export const TEST_JWT = {
  secret: 'test-secret-for-e2e-only-0123456789abcdef',
  issuer: 'https://api.bio.re',
  audience: 'bio.re',
};

export interface TestApi {
  app: INestApplication;
  /** Origin of the listening server, e.g. http://127.0.0.1:40123 */
  origin: string;
  prisma: PrismaService;
  close(): Promise<void>;
}

/**
 * The real app, built by the same `createApp` as `startServer`, listening on a loopback port. It uses the run's
 * database and Redis (CI) and, by default, a Redis key prefix of its own so counters never leak between tests.
 */
export async function startTestApi(env: Record<string, string | undefined> = {}): Promise<TestApi> {
  // Known before boot, so the links the API builds for Stripe (refresh/return URLs) point back at it.
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
    JWT_SECRET: TEST_JWT.secret,
    STRIPE_EMULATOR: 'off',
    DATABASE_POOL_SIZE: '4',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    origin: `http://127.0.0.1:${port}`,
    prisma: app.get(PrismaService),
    close: () => app.close(),
  };
}

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A Stripe emulator plus the app settings that point the API's real `stripe` client at it. */
export async function startTestStripe(
  seed: Parameters<typeof startStripeEmulator>[0] = {},
): Promise<{ emulator: StripeEmulator; env: Record<string, string> }> {
  // Stripe's retry schedule (30 min, 1 h, …) scaled down, so a refused delivery is retried within the test.
  const emulator = await startStripeEmulator({ webhookRetry: { timeScale: 1e-5 }, ...seed });
  return {
    emulator,
    env: {
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_API_BASE: emulator.url,
      STRIPE_MAX_NETWORK_RETRIES: '0',
    },
  };
}

export interface TestApiWithStripe {
  api: TestApi;
  stripe: StripeEmulator;
  /** The app first, since its shutdown may still call Stripe; the emulator is closed even if the app's close fails. */
  close(): Promise<void>;
}

/**
 * The app pointed at an emulator of its own: what most specs need. `env` adds to or overrides the Stripe settings.
 * If the app fails to start, the emulator is closed before the error is rethrown, so a spec's `afterAll` has
 * nothing to stop.
 */
export interface TestApiWithStripeOptions {
  stripe?: Parameters<typeof startTestStripe>[0];
  env?: Record<string, string | undefined>;
}

export async function startTestApiWithStripe({
  stripe: stripeOptions,
  env = {},
}: TestApiWithStripeOptions = {}): Promise<TestApiWithStripe> {
  const { emulator: stripe, env: stripeEnv } = await startTestStripe(stripeOptions);
  let api: TestApi;
  try {
    api = await startTestApi({ ...stripeEnv, ...env });
  } catch (error) {
    // The app's failure is the one worth reporting, not a failure to close the emulator after it.
    await stripe.close().catch(() => undefined);
    throw error;
  }
  return {
    api,
    stripe,
    close: async () => {
      try {
        await api.close();
      } finally {
        await stripe.close();
      }
    },
  };
}
