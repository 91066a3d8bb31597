import { existsSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Public (it is in the source), so it signs for the embedded database only: with a server DATABASE_URL, whatever
 * NODE_ENV says, start-up requires a JWT_SECRET of its own (anyone could mint a token for any user otherwise).
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
const MIN_JWT_SECRET_LENGTH = 32;
const MIN_JWT_SECRET_DISTINCT_CHARACTERS = 12;
const LIVE_STRIPE_KEY = /^(sk|rk)_live_/;
/** No proxy sits in a wider range than the widest private networks (10.0.0.0/8, fc00::/7). */
const WIDEST_PROXY_PREFIX = { ipv4: 8, ipv6: 7 } as const;
/** Where a dual-stack server sees IPv4 clients (`::ffff:a.b.c.d`): a range holding all of it trusts every one. */
const IPV4_MAPPED_BLOCK = { first: '::ffff:0.0.0.0', last: '::ffff:255.255.255.255', prefix: 96 } as const;
/** Long enough for the load balancer's checks to see readiness fail (deploy/haproxy.cfg: ~2.5 s at worst). */
const PRODUCTION_SHUTDOWN_DRAIN_MS = 5_000;
const MIN_METRICS_TOKEN_LENGTH = 24;

/** `transfers,card_payments`: Stripe capability names, comma-separated, none repeated. */
const capabilityList = z
  .string()
  .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be Stripe capability names separated by commas, e.g. transfers')
  .transform((value) => value.split(','))
  .refine((names) => new Set(names).size === names.length, 'names a capability twice');

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
  DATA_DIR: z
    .string()
    .min(1)
    .default(() => path.join(repositoryRootAbove(import.meta.url), '.data')),
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
  STRIPE_MAX_SOCKETS: z.coerce.number().int().min(1).max(10_000).default(1_000),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9_]+(,whsec_[A-Za-z0-9_]+)?$/,
      'must look like whsec_..., or two of them separated by a comma while the secret is rotated',
    )
    .transform((value) => value.split(','))
    .refine((secrets) => new Set(secrets).size === secrets.length, 'names the same secret twice')
    .optional(),
  STRIPE_CONNECT_CAPABILITIES: capabilityList.default(['transfers']),
  STRIPE_CONNECT_REQUIRED_CAPABILITIES: capabilityList.optional(),
  STRIPE_CONNECT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. FR')
    .optional(),
  PUBLIC_URL: url(['http', 'https']).optional(),
  APP_URL: url(['http', 'https']).optional(),
  DEMO_SEED: booleanSwitch.optional(),
  DATABASE_MIGRATE_ON_START: booleanSwitch.optional(),
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
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : v.split(',')))
    .superRefine((trusted, context) => {
      if (typeof trusted === 'boolean') return;
      for (const entry of trusted.filter((candidate) => !parseAddressRange(candidate)))
        context.addIssue({
          code: 'custom',
          message: `${JSON.stringify(entry)} is not an IP address or CIDR`,
        });
    }),
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
  RECONCILIATION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  RECONCILIATION_ACCOUNTS_PER_SECOND: z.coerce.number().min(0.1).max(100).default(5),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(5_000),
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z
    .string()
    .regex(
      new RegExp(`^[\\x21-\\x7e]{${MIN_METRICS_TOKEN_LENGTH},}$`),
      `must be at least ${MIN_METRICS_TOKEN_LENGTH} visible characters (openssl rand -hex 24)`,
    )
    .optional(),
});
type Variables = z.infer<typeof environmentSchema>;

/** How the SDK calls Stripe: per attempt, how often, and over how many connections at most. */
export interface StripeClientSettings {
  timeoutMs: number;
  maxNetworkRetries: number;
  /**
   * Connections to Stripe this instance holds at most, all kept open between calls: each new one is a TCP and TLS
   * handshake. A call beyond them waits for one to be free.
   */
  maxSockets: number;
}

export type StripeConnection =
  | ({
      mode: 'remote';
      secretKey: string;
      apiBase: URL | undefined;
      /**
       * Verify webhook deliveries: one, or the old and the new one while the endpoint's secret is rotated; none and
       * the webhook route refuses every delivery.
       */
      webhookSecrets: string[];
    } & StripeClientSettings)
  | ({ mode: 'emulator'; port: number } & StripeClientSettings)
  | { mode: 'unconfigured' };

/** What the platform asks of its creators' Express accounts. */
export interface StripeConnectPolicy {
  /** Requested when an account is created. */
  requestedCapabilities: string[];
  /** Must all be active for the account to count as ACTIVE (a subset of the requested ones). */
  requiredCapabilities: string[];
  /** The accounts' country; undefined: Stripe's default, the platform's own country. */
  country: string | undefined;
}

/** How long a caller may wait on the database: for a pooled connection, and for one query's answer. */
export interface DatabaseTimeouts {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

export type DatabaseConnection =
  | ({
      mode: 'server';
      url: string;
      poolSize: number;
      /** Whether start-up applies pending migrations (asked for, outside production only). */
      migrateOnStart: boolean;
    } & DatabaseTimeouts)
  | ({ mode: 'embedded'; dataDir: string; poolSize: number } & DatabaseTimeouts);

export interface AppConfig {
  environment: 'development' | 'test' | 'production';
  http: { host: string; port: number };
  logLevel: string;
  database: DatabaseConnection;
  stripe: StripeConnection;
  stripeConnect: StripeConnectPolicy;
  redis: { url: string | undefined; keyPrefix: string };
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  bodyLimitBytes: number;
  /**
   * The scheduled pass that re-reads every creator's Stripe account and replays the events Stripe could not deliver:
   * once per `intervalMs` for the whole deployment, reading at most `accountsPerSecond` accounts a second.
   */
  reconciliation: { intervalMs: number; accountsPerSecond: number };
  /** Browser origins allowed to call the API cross-origin, with its cookie; none: same-origin pages only. */
  corsOrigins: string[];
  /** Origins the outside world reaches us and the web app at: Stripe's onboarding returns to both. */
  urls: { publicApi: string; app: string };
  /** Which forwarding proxies to believe for the client address (login limits count per address). */
  trustProxy: boolean | string[];
  /** Whether start-up seeds the contract's demo users: the embedded database's default, never in production. */
  seedDemoData: boolean;
  /**
   * After SIGTERM/SIGINT and its drain, how long in-flight requests and pool closing may take before the process
   * exits 1.
   */
  shutdownTimeoutMs: number;
  /**
   * After SIGTERM/SIGINT, how long the instance keeps serving while readiness answers 503, so load balancers take it
   * out of rotation before it stops accepting connections.
   */
  shutdownDrainMs: number;
  /** Longest a client may take to send a whole request (line, headers and body): then 408, and the connection closes. */
  requestTimeoutMs: number;
  /** The Prometheus endpoint, on a port of its own; undefined: none. */
  metrics: MetricsSettings | undefined;
}

export interface MetricsSettings {
  host: string;
  port: number;
  /** Required as `Authorization: Bearer …` when set (always, when the host is not loopback). */
  token: string | undefined;
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
  const problems = [
    ...(production ? productionProblems(vars) : developmentProblems(vars)),
    ...jwtSecretProblems(vars, production),
    ...originProblems(vars, production),
    ...metricsProblems(vars),
    ...stripeConnectProblems(vars),
  ];
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    environment: vars.NODE_ENV,
    http: { host: vars.HOST, port: vars.PORT },
    logLevel: vars.LOG_LEVEL,
    database: {
      ...(vars.DATABASE_URL
        ? {
            mode: 'server' as const,
            url: vars.DATABASE_URL,
            migrateOnStart: vars.DATABASE_MIGRATE_ON_START ?? false,
          }
        : { mode: 'embedded' as const, dataDir: path.join(vars.DATA_DIR, 'pglite') }),
      poolSize: vars.DATABASE_POOL_SIZE,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS,
    },
    stripe: stripeConnection(vars, production),
    stripeConnect: {
      requestedCapabilities: vars.STRIPE_CONNECT_CAPABILITIES,
      requiredCapabilities: vars.STRIPE_CONNECT_REQUIRED_CAPABILITIES ?? vars.STRIPE_CONNECT_CAPABILITIES,
      country: vars.STRIPE_CONNECT_COUNTRY,
    },
    urls: {
      publicApi: withoutTrailingSlash(vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`),
      app: withoutTrailingSlash(vars.APP_URL ?? 'http://localhost:5173'),
    },
    redis: { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX },
    jwt: {
      secret: vars.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      ttlSeconds: vars.JWT_TTL_SECONDS,
    },
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    reconciliation: {
      intervalMs: vars.RECONCILIATION_INTERVAL_SECONDS * 1_000,
      accountsPerSecond: vars.RECONCILIATION_ACCOUNTS_PER_SECOND,
    },
    corsOrigins: vars.CORS_ORIGINS,
    trustProxy: vars.TRUST_PROXY,
    seedDemoData: vars.DEMO_SEED ?? !vars.DATABASE_URL,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: vars.SHUTDOWN_DRAIN_MS ?? (production ? PRODUCTION_SHUTDOWN_DRAIN_MS : 0),
    requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
    metrics:
      vars.METRICS_PORT === undefined
        ? undefined
        : { host: vars.METRICS_HOST, port: vars.METRICS_PORT, token: vars.METRICS_TOKEN },
  };
}

function stripeConnection(vars: Variables, production: boolean): StripeConnection {
  const client: StripeClientSettings = {
    timeoutMs: vars.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: vars.STRIPE_MAX_NETWORK_RETRIES,
    maxSockets: vars.STRIPE_MAX_SOCKETS,
  };
  if (vars.STRIPE_SECRET_KEY) {
    return {
      mode: 'remote',
      secretKey: vars.STRIPE_SECRET_KEY,
      apiBase: vars.STRIPE_API_BASE ? new URL(vars.STRIPE_API_BASE) : undefined,
      webhookSecrets: vars.STRIPE_WEBHOOK_SECRET ?? [],
      ...client,
    };
  }
  if (!production && vars.STRIPE_EMULATOR)
    return { mode: 'emulator', port: vars.STRIPE_EMULATOR_PORT, ...client };
  return { mode: 'unconfigured' };
}

/** What no production instance may run with: each would hand an attacker something, or Stripe a wrong address. */
function productionProblems(vars: Variables): string[] {
  const problems: string[] = [];
  if (!vars.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
  if (vars.DEMO_SEED) problems.push('DEMO_SEED: demo users are never seeded in production');
  if (vars.DATABASE_MIGRATE_ON_START)
    problems.push(
      'DATABASE_MIGRATE_ON_START: production instances never migrate; run `pnpm db:migrate:deploy` once per release',
    );
  if (vars.TRUST_PROXY === true)
    problems.push(
      "TRUST_PROXY: true would believe any client's X-Forwarded-For; name the load balancer's addresses",
    );
  for (const entry of Array.isArray(vars.TRUST_PROXY) ? vars.TRUST_PROXY : []) {
    const range = parseAddressRange(entry);
    if (range && trustsTheInternet(range))
      problems.push(
        `TRUST_PROXY: ${entry} would believe X-Forwarded-For from clients across the Internet; name the load balancer's addresses`,
      );
  }
  if (
    vars.STRIPE_SECRET_KEY &&
    LIVE_STRIPE_KEY.test(vars.STRIPE_SECRET_KEY) &&
    vars.STRIPE_API_BASE?.startsWith('http:')
  )
    problems.push('STRIPE_API_BASE: a live Stripe key is only ever sent over https');
  return problems;
}

/** The embedded defaults are for the embedded database and the emulator: never for real data or real money. */
function developmentProblems(vars: Variables): string[] {
  if (vars.STRIPE_SECRET_KEY && LIVE_STRIPE_KEY.test(vars.STRIPE_SECRET_KEY))
    return ['STRIPE_SECRET_KEY: a live key (sk_live_/rk_live_) is only accepted with NODE_ENV=production'];
  return [];
}

function jwtSecretProblems(vars: Variables, production: boolean): string[] {
  const secret = vars.JWT_SECRET;
  if (!secret && production) return ['JWT_SECRET: required when NODE_ENV=production'];
  if (!secret && vars.DATABASE_URL)
    return [
      'JWT_SECRET: required with DATABASE_URL (the development secret signs for the embedded database only)',
    ];
  if (secret === DEVELOPMENT_JWT_SECRET && (production || vars.DATABASE_URL))
    return ['JWT_SECRET: the development secret is public; it signs for the embedded database only'];
  if (production && secret && isWeakSecret(secret)) {
    return [
      `JWT_SECRET: too weak; use at least ${MIN_JWT_SECRET_LENGTH} random characters (openssl rand -base64 48)`,
    ];
  }
  return [];
}

/** A capability required for ACTIVE that is never requested would keep every creator RESTRICTED. */
function stripeConnectProblems(vars: Variables): string[] {
  const unrequested = (vars.STRIPE_CONNECT_REQUIRED_CAPABILITIES ?? []).filter(
    (name) => !vars.STRIPE_CONNECT_CAPABILITIES.includes(name),
  );
  return unrequested.length === 0
    ? []
    : [
        `STRIPE_CONNECT_REQUIRED_CAPABILITIES: ${unrequested.join(', ')} not in STRIPE_CONNECT_CAPABILITIES, so never requested`,
      ];
}

/** Metrics are for operators: never on the API's own port, never readable beyond loopback without a token. */
function metricsProblems(vars: Variables): string[] {
  const problems: string[] = [];
  if (vars.METRICS_PORT !== undefined && vars.METRICS_PORT === vars.PORT)
    problems.push('METRICS_PORT: must differ from PORT (the metrics have a port of their own)');
  if (vars.METRICS_PORT !== undefined && !isLoopback(vars.METRICS_HOST) && !vars.METRICS_TOKEN)
    problems.push(
      `METRICS_TOKEN: required when METRICS_HOST (${vars.METRICS_HOST}) is not a loopback address, or anyone reaching it reads the metrics`,
    );
  return problems;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The folder holding pnpm-workspace.yaml above `moduleUrl`: the same repository whether this module runs from its
 * source, from tsc's output or inlined in dist/server.cjs, each at its own depth. Outside a checkout (a copied
 * bundle), the working directory.
 */
export function repositoryRootAbove(moduleUrl: string): string {
  let folder = path.dirname(fileURLToPath(moduleUrl));
  while (!existsSync(path.join(folder, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
  return folder;
}

function isWeakSecret(secret: string): boolean {
  return secret.length < MIN_JWT_SECRET_LENGTH || new Set(secret).size < MIN_JWT_SECRET_DISTINCT_CHARACTERS;
}

/** Both are origins (Stripe's return and refresh URLs are built on them), and production names its own. */
function originProblems(vars: Variables, production: boolean): string[] {
  const problems: string[] = [];
  const origins = {
    PUBLIC_URL: [vars.PUBLIC_URL, "the API's public origin, given to Stripe"],
    APP_URL: [vars.APP_URL, "the web app's origin, where Stripe's onboarding sends creators back"],
  } as const;
  for (const [variable, [value, what]] of Object.entries(origins)) {
    if (value === undefined && production)
      problems.push(`${variable}: required when NODE_ENV=production (${what})`);
    if (value !== undefined && !isHttpOrigin(withoutTrailingSlash(value)))
      problems.push(`${variable}: must be an origin, scheme://host[:port], without path, query or fragment`);
  }
  return problems;
}

interface AddressRange {
  address: string;
  family: 'ipv4' | 'ipv6';
  prefix: number;
}

/** `10.0.0.1` or `10.0.0.0/8`, `::1` or `fd00::/8`, as Fastify's trustProxy (proxy-addr) reads them. */
function parseAddressRange(entry: string): AddressRange | undefined {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || prefixText === '') return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= bits ? { address, family, prefix } : undefined;
}

/** Whether a range of trusted proxies holds every client: `0.0.0.0/0`, `::/0`, `::ffff:0:0/96`, `0.0.0.0/1`... */
function trustsTheInternet({ address, family, prefix }: AddressRange): boolean {
  if (prefix < WIDEST_PROXY_PREFIX[family]) return true;
  if (family === 'ipv4' || prefix > IPV4_MAPPED_BLOCK.prefix) return false;
  const range = new BlockList();
  range.addSubnet(address, prefix, family);
  return range.check(IPV4_MAPPED_BLOCK.first, family) && range.check(IPV4_MAPPED_BLOCK.last, family);
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
