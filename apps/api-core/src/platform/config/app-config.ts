import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Signs development tokens only: production refuses to start without a strong JWT_SECRET of its own. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
const MIN_JWT_SECRET_LENGTH = 32;
const MIN_JWT_SECRET_DISTINCT_CHARACTERS = 12;
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const booleanSwitch = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => ['on', 'true', '1'].includes(v));
const port = z.coerce.number().int().min(0).max(65_535);
const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) }).describe(`a ${protocols.join(' or ')} URL`);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DATA_DIR: z.string().min(1).default(path.join(repositoryRoot, '.data')),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(
      /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/,
      'must look like sk_test_..., sk_live_... or a restricted rk_ key',
    )
    .optional(),
  STRIPE_API_BASE: url(['http', 'https']).optional(),
  STRIPE_EMULATOR: booleanSwitch.default(true),
  STRIPE_EMULATOR_PORT: port.default(0),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(8_000),
  STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_]+$/, 'must look like whsec_...')
    .optional(),
  PUBLIC_URL: url(['http', 'https']).optional(),
  APP_URL: url(['http', 'https']).default('http://localhost:5173'),
  DEMO_SEED: booleanSwitch.optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits or . : _ -')
    .default('biore:'),
  JWT_SECRET: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).default('https://api.bio.re'),
  JWT_AUDIENCE: z.string().min(1).default('bio.re'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'must be true, false or a comma-separated list of proxy addresses/CIDRs',
    )
    .default('false')
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : v.split(','))),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .superRefine((origins, context) => {
      for (const origin of origins.filter((candidate) => !isHttpOrigin(candidate)))
        context.addIssue({
          code: 'custom',
          message: `${JSON.stringify(origin)} is not an http(s) origin; give scheme://host[:port], no path (https://app.bio.re)`,
        });
    }),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(16_384),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export type StripeConnection =
  | {
      mode: 'remote';
      secretKey: string;
      apiBase: URL | undefined;
      /** Verifies webhook deliveries; without it the webhook route refuses every delivery. */
      webhookSecret: string | undefined;
      timeoutMs: number;
      maxNetworkRetries: number;
    }
  | { mode: 'emulator'; port: number; timeoutMs: number; maxNetworkRetries: number }
  | { mode: 'unconfigured' };

/** How long a caller may wait on the database: for a pooled connection, and for one query's answer. */
export interface DatabaseTimeouts {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

export type DatabaseConnection =
  | ({ mode: 'server'; url: string; poolSize: number } & DatabaseTimeouts)
  | ({ mode: 'embedded'; dataDir: string; poolSize: number } & DatabaseTimeouts);

export interface AppConfig {
  environment: 'development' | 'test' | 'production';
  http: { host: string; port: number };
  logLevel: string;
  database: DatabaseConnection;
  stripe: StripeConnection;
  redis: { url: string | undefined; keyPrefix: string };
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  bodyLimitBytes: number;
  /** Browser origins allowed to call the API cross-origin, with its cookie; none: same-origin pages only. */
  corsOrigins: string[];
  /** Origins the outside world reaches us and the web app at: Stripe's onboarding returns to both. */
  urls: { publicApi: string; app: string };
  /** Which forwarding proxies to believe for the client address (login limits count per address). */
  trustProxy: boolean | string[];
  /** Whether start-up seeds the contract's demo users; never in production. */
  seedDemoData: boolean;
  /** After SIGTERM/SIGINT, how long in-flight requests and pool closing may take before the process exits 1. */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Environment = Record<string, string | undefined>;

/** Validates the environment once, at boot, into the one typed object the app reads. */
export function loadConfig(env: Environment): AppConfig {
  const parsed = environmentSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !vars.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
  if (production && vars.DEMO_SEED) problems.push('DEMO_SEED: demo users are never seeded in production');
  if (production) problems.push(...productionSecretProblems(vars.JWT_SECRET));
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    environment: vars.NODE_ENV,
    http: { host: vars.HOST, port: vars.PORT },
    logLevel: vars.LOG_LEVEL,
    database: {
      ...(vars.DATABASE_URL
        ? { mode: 'server' as const, url: vars.DATABASE_URL }
        : { mode: 'embedded' as const, dataDir: path.join(vars.DATA_DIR, 'pglite') }),
      poolSize: vars.DATABASE_POOL_SIZE,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS,
    },
    stripe: stripeConnection(vars, production),
    urls: {
      publicApi: withoutTrailingSlash(vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`),
      app: withoutTrailingSlash(vars.APP_URL),
    },
    redis: { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX },
    jwt: {
      secret: vars.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      ttlSeconds: vars.JWT_TTL_SECONDS,
    },
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    corsOrigins: vars.CORS_ORIGINS,
    trustProxy: vars.TRUST_PROXY,
    seedDemoData: vars.DEMO_SEED ?? vars.NODE_ENV === 'development',
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
  };
}

function stripeConnection(vars: z.infer<typeof environmentSchema>, production: boolean): StripeConnection {
  const client = { timeoutMs: vars.STRIPE_TIMEOUT_MS, maxNetworkRetries: vars.STRIPE_MAX_NETWORK_RETRIES };
  if (vars.STRIPE_SECRET_KEY) {
    return {
      mode: 'remote',
      secretKey: vars.STRIPE_SECRET_KEY,
      apiBase: vars.STRIPE_API_BASE ? new URL(vars.STRIPE_API_BASE) : undefined,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
      ...client,
    };
  }
  if (!production && vars.STRIPE_EMULATOR)
    return { mode: 'emulator', port: vars.STRIPE_EMULATOR_PORT, ...client };
  return { mode: 'unconfigured' };
}

function productionSecretProblems(secret: string | undefined): string[] {
  if (!secret) return ['JWT_SECRET: required when NODE_ENV=production'];
  if (secret === DEVELOPMENT_JWT_SECRET)
    return ['JWT_SECRET: the development secret cannot sign production tokens'];
  if (secret.length < MIN_JWT_SECRET_LENGTH || new Set(secret).size < MIN_JWT_SECRET_DISTINCT_CHARACTERS) {
    return [
      `JWT_SECRET: too weak; use at least ${MIN_JWT_SECRET_LENGTH} random characters (openssl rand -base64 48)`,
    ];
  }
  return [];
}

/** `https://app.bio.re` or `http://localhost:5173`, exactly as a browser sends it in `Origin`. */
function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    const plainHost = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value && plainHost;
  } catch {
    return false;
  }
}

function withoutTrailingSlash(origin: string): string {
  return origin.replace(/\/+$/, '');
}

/** `FOO=` in a shell or compose file means "not set", not "set to nothing". */
function withoutBlanks(env: Environment): Environment {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
}
