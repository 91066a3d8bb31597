import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, repositoryRootAbove } from './app-config.js';

/** Where pnpm-workspace.yaml is: apps/api-core/src/platform/config/ is five folders below it. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const STRONG_SECRET = 'q7Lx2Vb9Rk4Tn8Wc3Hy6Jd1Mf5Gp0ZsEa';
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://api@db.internal:5432/biore',
  JWT_SECRET: STRONG_SECRET,
  PUBLIC_URL: 'https://api.bio.re',
  APP_URL: 'https://app.bio.re',
};
const SERVER_DATABASE = 'postgresql://dev@127.0.0.1:5432/biore';

/** The problems a refused configuration names (fails the test when the configuration is accepted). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    // startServer prints the message: it must carry every problem.
    for (const problem of problems) expect((error as ConfigError).message).toContain(problem);
    return problems;
  }
  throw new Error(`configuration accepted: ${JSON.stringify(env)}`);
}

/** The variables a refused configuration names, in order. */
function refusedVariables(env: Record<string, string | undefined>): string[] {
  return problemsOf(env).map((problem) => problem.split(':')[0] ?? '');
}

describe('loadConfig', () => {
  // toMatchObject: the configuration grows; every value named here is still checked exactly.
  it('runs on embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      environment: 'development',
      http: { host: '0.0.0.0', port: 3000 },
      logLevel: 'info',
      database: {
        mode: 'embedded',
        dataDir: path.join(REPOSITORY_ROOT, '.data', 'pglite'),
        poolSize: 10,
        connectTimeoutMs: 5_000,
        queryTimeoutMs: 5_000,
      },
      stripe: { mode: 'emulator', port: 0, timeoutMs: 8_000, maxNetworkRetries: 1, maxSockets: 1_000 },
      redis: { url: undefined, keyPrefix: 'biore:' },
      jwt: {
        secret: DEVELOPMENT_JWT_SECRET,
        issuer: 'https://api.bio.re',
        audience: 'bio.re',
        ttlSeconds: 3_600,
      },
      bodyLimitBytes: 16_384,
      corsOrigins: [],
      trustProxy: false,
      seedDemoData: true,
      shutdownTimeoutMs: 10_000,
      shutdownDrainMs: 0,
      requestTimeoutMs: 5_000,
      metrics: undefined,
    });
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      DATABASE_POOL_SIZE: '3',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_QUERY_TIMEOUT_MS: '2500',
      DATABASE_MIGRATE_ON_START: 'on',
      STRIPE_SECRET_KEY: 'sk_test_abc123',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
      STRIPE_TIMEOUT_MS: '10000',
      STRIPE_MAX_NETWORK_RETRIES: '0',
      STRIPE_MAX_SOCKETS: '64',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_KEY_PREFIX: 'ci:',
      JWT_SECRET: 'x',
      JWT_ISSUER: 'https://issuer.test',
      JWT_AUDIENCE: 'aud',
      JWT_TTL_SECONDS: '60',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      BODY_LIMIT_BYTES: '2048',
      CORS_ORIGINS: 'https://app.bio.re, http://localhost:5173,',
      SHUTDOWN_TIMEOUT_MS: '3000',
      PUBLIC_URL: 'https://api.bio.re/',
      APP_URL: 'https://app.bio.re',
      DEMO_SEED: 'off',
    });
    expect(config).toMatchObject({
      environment: 'test',
      http: { host: '127.0.0.1', port: 8080 },
      logLevel: 'warn',
      database: {
        mode: 'server',
        url: 'postgres://u:p@db:5432/app',
        poolSize: 3,
        connectTimeoutMs: 1_500,
        queryTimeoutMs: 2_500,
        migrateOnStart: true,
      },
      stripe: {
        mode: 'remote',
        secretKey: 'sk_test_abc123',
        apiBase: new URL('http://127.0.0.1:12111'),
        timeoutMs: 10_000,
        maxNetworkRetries: 0,
        maxSockets: 64,
      },
      redis: { url: 'rediss://cache:6380', keyPrefix: 'ci:' },
      jwt: { secret: 'x', issuer: 'https://issuer.test', audience: 'aud', ttlSeconds: 60 },
      bodyLimitBytes: 2_048,
      corsOrigins: ['https://app.bio.re', 'http://localhost:5173'],
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      urls: { publicApi: 'https://api.bio.re', app: 'https://app.bio.re' },
      seedDemoData: false,
      shutdownTimeoutMs: 3_000,
    });
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.environment).toBe('production');
    expect(config.database).toEqual({
      mode: 'server',
      url: PRODUCTION.DATABASE_URL,
      poolSize: 10,
      connectTimeoutMs: 5_000,
      queryTimeoutMs: 5_000,
      migrateOnStart: false,
    });
    expect(config.jwt.secret).toBe(STRONG_SECRET);
    expect(config.urls).toEqual({ publicApi: PRODUCTION.PUBLIC_URL, app: PRODUCTION.APP_URL });
    expect(config.seedDemoData).toBe(false);
  });

  describe('in production', () => {
    it('refuses to start without DATABASE_URL, naming it', () => {
      expect(problemsOf({ ...PRODUCTION, DATABASE_URL: undefined })).toEqual([
        'DATABASE_URL: required when NODE_ENV=production',
      ]);
    });

    it('names every missing variable at once', () => {
      expect(refusedVariables({ NODE_ENV: 'production' })).toEqual([
        'DATABASE_URL',
        'JWT_SECRET',
        'PUBLIC_URL',
        'APP_URL',
      ]);
    });

    it.each(['PUBLIC_URL', 'APP_URL'])(
      'refuses to start without %s (localhost URLs would go to Stripe)',
      (name) => {
        expect(refusedVariables({ ...PRODUCTION, [name]: undefined })).toEqual([name]);
      },
    );

    it('never seeds the demo users', () => {
      expect(refusedVariables({ ...PRODUCTION, DEMO_SEED: 'true' })).toEqual(['DEMO_SEED']);
    });

    it('never migrates on start (migrations run once per release)', () => {
      expect(refusedVariables({ ...PRODUCTION, DATABASE_MIGRATE_ON_START: 'on' })).toEqual([
        'DATABASE_MIGRATE_ON_START',
      ]);
      expect(loadConfig({ ...PRODUCTION, DATABASE_MIGRATE_ON_START: 'off' }).database).toMatchObject({
        migrateOnStart: false,
      });
    });

    describe('refuses a TRUST_PROXY that believes clients across the Internet', () => {
      it.each([
        'true',
        '0.0.0.0/0',
        '::/0',
        '172.28.0.10,0.0.0.0/0',
        '0.0.0.0/1',
        '128.0.0.0/7',
        '2000::/3',
        '::ffff:0:0/96',
        '::/8',
      ])('%s', (trustProxy) => {
        const problems = problemsOf({ ...PRODUCTION, TRUST_PROXY: trustProxy });
        expect(problems.map((problem) => problem.split(':')[0])).toEqual(['TRUST_PROXY']);
      });

      it.each(['false', '172.28.0.10', '10.0.0.0/8', '127.0.0.1,::1', 'fd00::/8', '::ffff:10.0.0.0/104'])(
        'accepts %s',
        (trustProxy) => {
          expect(() => loadConfig({ ...PRODUCTION, TRUST_PROXY: trustProxy })).not.toThrow();
        },
      );
    });

    it('refuses a live Stripe key with a plain-http STRIPE_API_BASE, naming it, without echoing the key', () => {
      const key = 'sk_live_fake';
      const problems = problemsOf({
        ...PRODUCTION,
        STRIPE_SECRET_KEY: key,
        STRIPE_API_BASE: 'http://stripe.test',
      });
      expect(problems.map((problem) => problem.split(':')[0])).toEqual(['STRIPE_API_BASE']);
      expect(problems.join('\n')).not.toContain(key);
      expect(
        refusedVariables({
          ...PRODUCTION,
          STRIPE_SECRET_KEY: 'rk_live_fake',
          STRIPE_API_BASE: 'http://stripe.test',
        }),
      ).toEqual(['STRIPE_API_BASE']);
    });

    it('accepts a live key over https and a test key over http (an emulator)', () => {
      const https = {
        ...PRODUCTION,
        STRIPE_SECRET_KEY: 'sk_live_fake',
        STRIPE_API_BASE: 'https://stripe.test',
      };
      expect(loadConfig(https).stripe).toMatchObject({
        mode: 'remote',
        apiBase: new URL('https://stripe.test'),
      });
      const emulator = {
        ...PRODUCTION,
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
      };
      expect(loadConfig(emulator).stripe).toMatchObject({ mode: 'remote', secretKey: 'sk_test_abc' });
    });

    it.each([
      ['missing', undefined],
      ['the development default', DEVELOPMENT_JWT_SECRET],
      ['short (31 characters)', STRONG_SECRET.slice(0, 31)],
      ['long but of low variety', 'abcdefghijk'.repeat(6)],
      ['one repeated character', 'a'.repeat(64)],
    ])('refuses a JWT_SECRET that is %s, naming it', (_case, secret) => {
      expect(refusedVariables({ ...PRODUCTION, JWT_SECRET: secret })).toEqual(['JWT_SECRET']);
    });

    it('never echoes the refused secret', () => {
      const weak = 'weak-secret-value';
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: weak }).join('\n')).not.toContain(weak);
    });

    it.each(['on', 'true', '1'])('never uses the emulator, even with STRIPE_EMULATOR=%s', (emulator) => {
      expect(loadConfig({ ...PRODUCTION, STRIPE_EMULATOR: emulator }).stripe).toEqual({
        mode: 'unconfigured',
      });
    });

    it('uses Stripe when given a key', () => {
      expect(loadConfig({ ...PRODUCTION, STRIPE_SECRET_KEY: 'sk_live_fake' }).stripe).toMatchObject({
        mode: 'remote',
        secretKey: 'sk_live_fake',
        apiBase: undefined,
        timeoutMs: 8_000,
        maxNetworkRetries: 1,
        maxSockets: 1_000,
      });
    });
  });

  describe('outside production', () => {
    it('accepts any JWT_SECRET', () => {
      expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'short' }).jwt.secret).toBe('short');
    });

    it('signs with the development secret for the embedded database only', () => {
      expect(loadConfig({}).jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
      expect(loadConfig({ NODE_ENV: 'test' }).jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
    });

    it.each([
      ['unset', undefined],
      ['development', 'development'],
      ['test', 'test'],
    ])(
      'with NODE_ENV %s, a DATABASE_URL without JWT_SECRET is refused, naming JWT_SECRET',
      (_case, nodeEnv) => {
        expect(refusedVariables({ NODE_ENV: nodeEnv, DATABASE_URL: SERVER_DATABASE })).toEqual([
          'JWT_SECRET',
        ]);
        expect(
          refusedVariables({
            NODE_ENV: nodeEnv,
            DATABASE_URL: SERVER_DATABASE,
            JWT_SECRET: DEVELOPMENT_JWT_SECRET,
          }),
        ).toEqual(['JWT_SECRET']);
        expect(
          loadConfig({ NODE_ENV: nodeEnv, DATABASE_URL: SERVER_DATABASE, JWT_SECRET: 'a-secret-of-its-own' })
            .jwt.secret,
        ).toBe('a-secret-of-its-own');
      },
    );

    it('seeds the demo users into the embedded database only, unless DEMO_SEED says otherwise', () => {
      expect(loadConfig({}).seedDemoData).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test' }).seedDemoData).toBe(true);
      expect(loadConfig({ DEMO_SEED: 'off' }).seedDemoData).toBe(false);
      const server = { DATABASE_URL: SERVER_DATABASE, JWT_SECRET: 'a-secret-of-its-own' };
      for (const nodeEnv of [undefined, 'development', 'test'])
        expect(loadConfig({ ...server, NODE_ENV: nodeEnv }).seedDemoData).toBe(false);
      expect(loadConfig({ ...server, DEMO_SEED: 'on' }).seedDemoData).toBe(true);
    });

    it('migrates a server database on start only when DATABASE_MIGRATE_ON_START asks', () => {
      const server = { DATABASE_URL: SERVER_DATABASE, JWT_SECRET: 'a-secret-of-its-own' };
      for (const nodeEnv of [undefined, 'development', 'test'])
        expect(loadConfig({ ...server, NODE_ENV: nodeEnv }).database).toMatchObject({
          migrateOnStart: false,
        });
      expect(loadConfig({ ...server, DATABASE_MIGRATE_ON_START: 'on' }).database).toMatchObject({
        migrateOnStart: true,
      });
    });

    it.each([
      ['unset', undefined],
      ['development', 'development'],
      ['test', 'test'],
    ])('with NODE_ENV %s, a live Stripe key is refused, naming it without echoing it', (_case, nodeEnv) => {
      for (const key of ['sk_live_fake', 'rk_live_fake']) {
        const problems = problemsOf({ NODE_ENV: nodeEnv, STRIPE_SECRET_KEY: key });
        expect(problems.map((problem) => problem.split(':')[0])).toEqual(['STRIPE_SECRET_KEY']);
        expect(problems.join('\n')).not.toContain(key);
      }
      expect(loadConfig({ NODE_ENV: nodeEnv, STRIPE_SECRET_KEY: 'sk_test_abc' }).stripe).toMatchObject({
        secretKey: 'sk_test_abc',
      });
    });

    it('leaves Stripe unconfigured with STRIPE_EMULATOR=off and no key', () => {
      expect(loadConfig({ STRIPE_EMULATOR: 'off' }).stripe).toEqual({ mode: 'unconfigured' });
      expect(loadConfig({ STRIPE_EMULATOR: 'false' }).stripe).toEqual({ mode: 'unconfigured' });
      expect(loadConfig({ STRIPE_EMULATOR: '0' }).stripe).toEqual({ mode: 'unconfigured' });
    });

    it('prefers a real key over the emulator', () => {
      expect(loadConfig({ STRIPE_SECRET_KEY: 'rk_test_abc' }).stripe).toMatchObject({
        mode: 'remote',
        secretKey: 'rk_test_abc',
      });
    });
  });

  describe('refuses a malformed variable, naming it', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['DATABASE_URL', 'mysql://db:3306/app'],
      ['DATABASE_URL', 'http://db:5432/app'],
      ['DATABASE_URL', 'not a url'],
      ['REDIS_URL', 'http://cache:6379'],
      ['STRIPE_TIMEOUT_MS', '10001'],
      ['STRIPE_TIMEOUT_MS', '99'],
      ['STRIPE_TIMEOUT_MS', 'soon'],
      ['STRIPE_MAX_SOCKETS', '0'],
      ['STRIPE_MAX_SOCKETS', 'many'],
      ['STRIPE_SECRET_KEY', 'pk_test_abc'],
      ['STRIPE_SECRET_KEY', 'sk_test_'],
      ['STRIPE_SECRET_KEY', 'sk_prod_abc'],
      ['STRIPE_SECRET_KEY', 'sk_test_abc def'],
      ['STRIPE_API_BASE', 'ftp://stripe.test'],
      ['STRIPE_EMULATOR', 'maybe'],
      ['NODE_ENV', 'staging'],
      ['LOG_LEVEL', 'verbose'],
      ['JWT_TTL_SECONDS', '59'],
      ['TRUST_PROXY', 'yes'],
      ['TRUST_PROXY', '1'],
      ['TRUST_PROXY', '10.0.0.0/'],
      ['TRUST_PROXY', '10.0.0.0/33'],
      ['TRUST_PROXY', '10.0.0.0/8/8'],
      ['TRUST_PROXY', 'fd00::/129'],
      ['TRUST_PROXY', '10.0.0.300'],
      ['PUBLIC_URL', 'https://api.bio.re/v1'],
      ['PUBLIC_URL', 'https://api.bio.re?x=1'],
      ['PUBLIC_URL', 'https://api.bio.re/#top'],
      ['APP_URL', 'https://app.bio.re/settings'],
      ['APP_URL', 'https://app.bio.re?from=stripe'],
      ['APP_URL', 'https://app.bio.re#payouts'],
      ['APP_URL', 'https://user:pw@app.bio.re'],
      ['DATABASE_MIGRATE_ON_START', 'yes'],
      ['REDIS_KEY_PREFIX', 'has space'],
      ['BODY_LIMIT_BYTES', '100'],
      ['CORS_ORIGINS', '*'],
      ['CORS_ORIGINS', 'null'],
      ['CORS_ORIGINS', 'app.bio.re'],
      ['CORS_ORIGINS', 'ftp://app.bio.re'],
      ['CORS_ORIGINS', 'https://app.bio.re/'],
      ['CORS_ORIGINS', 'https://app.bio.re/settings'],
      ['CORS_ORIGINS', 'https://user@app.bio.re'],
      ['CORS_ORIGINS', 'https://APP.bio.re'],
      ['CORS_ORIGINS', 'https://app.bio.re,https://*.bio.re'],
    ])('%s=%j', (variable, value) => {
      expect(refusedVariables({ [variable]: value })).toEqual([variable]);
    });

    it('without echoing a malformed Stripe key', () => {
      const key = 'sk_test_almost-valid!';
      expect(problemsOf({ STRIPE_SECRET_KEY: key }).join('\n')).not.toContain(key);
    });

    it('names every malformed variable at once', () => {
      expect(refusedVariables({ PORT: 'abc', STRIPE_TIMEOUT_MS: '20000' }).sort()).toEqual([
        'PORT',
        'STRIPE_TIMEOUT_MS',
      ]);
    });
  });

  describe('counts blank values as unset', () => {
    it.each(['', '   ', '\t'])('%j', (blank) => {
      expect(
        loadConfig({
          PORT: blank,
          DATABASE_URL: blank,
          STRIPE_SECRET_KEY: blank,
          STRIPE_EMULATOR: blank,
          REDIS_URL: blank,
          JWT_SECRET: blank,
        }),
      ).toEqual(loadConfig({}));
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: blank })).toEqual([
        'JWT_SECRET: required when NODE_ENV=production',
      ]);
      expect(refusedVariables({ ...PRODUCTION, DATABASE_URL: blank })).toEqual(['DATABASE_URL']);
    });
  });
});

describe('operations settings', () => {
  it('drain 5 s before closing in production only: nothing else has a load balancer to wait for', () => {
    expect(loadConfig(PRODUCTION).shutdownDrainMs).toBe(5_000);
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(loadConfig({ ...PRODUCTION, SHUTDOWN_DRAIN_MS: '0' }).shutdownDrainMs).toBe(0);
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '8000' }).shutdownDrainMs).toBe(8_000);
  });

  it('read the request timeout and the metrics endpoint', () => {
    expect(
      loadConfig({
        REQUEST_TIMEOUT_MS: '2000',
        METRICS_PORT: '9464',
        METRICS_HOST: '0.0.0.0',
        METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      }),
    ).toMatchObject({
      requestTimeoutMs: 2_000,
      metrics: { host: '0.0.0.0', port: 9_464, token: 'metrics-token-0123456789abcdef' },
    });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({
      host: '127.0.0.1',
      port: 9_464,
      token: undefined,
    });
  });

  it.each([
    ['SHUTDOWN_DRAIN_MS', '-1'],
    ['SHUTDOWN_DRAIN_MS', 'soon'],
    ['REQUEST_TIMEOUT_MS', '999'],
    ['METRICS_PORT', '0'],
    ['METRICS_PORT', '65536'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_TOKEN', 'has a space in it, 0123456789'],
  ])('refuse %s=%j', (variable, value) => {
    expect(refusedVariables({ [variable]: value })).toEqual([variable]);
  });

  it('refuse metrics on the API port, or reachable beyond loopback without a token', () => {
    expect(refusedVariables({ PORT: '9464', METRICS_PORT: '9464' })).toEqual(['METRICS_PORT']);
    for (const host of ['0.0.0.0', '::', '10.0.0.5'])
      expect(refusedVariables({ METRICS_PORT: '9464', METRICS_HOST: host })).toEqual(['METRICS_TOKEN']);
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: host }).metrics?.host).toBe(host);
  });
});

describe('repositoryRootAbove', () => {
  it.each([
    ['the bundle', 'apps/api-core/dist/server.cjs'],
    ["tsc's output", 'apps/api-core/dist/platform/config/app-config.js'],
    ['the source', 'apps/api-core/src/platform/config/app-config.ts'],
  ])('finds the repository from %s', (_where, file) => {
    expect(repositoryRootAbove(pathToFileURL(path.join(REPOSITORY_ROOT, file)).href)).toBe(
      path.resolve(REPOSITORY_ROOT),
    );
  });
});

describe('reconciliation settings', () => {
  it('run every 15 minutes at 5 accounts a second by default, and read both variables', () => {
    expect(loadConfig({}).reconciliation).toEqual({ intervalMs: 900_000, accountsPerSecond: 5 });
    expect(
      loadConfig({ RECONCILIATION_INTERVAL_SECONDS: '60', RECONCILIATION_ACCOUNTS_PER_SECOND: '0.5' })
        .reconciliation,
    ).toEqual({ intervalMs: 60_000, accountsPerSecond: 0.5 });
  });

  it.each([
    ['RECONCILIATION_INTERVAL_SECONDS', '0'],
    ['RECONCILIATION_INTERVAL_SECONDS', '1.5'],
    ['RECONCILIATION_INTERVAL_SECONDS', '86401'],
    ['RECONCILIATION_ACCOUNTS_PER_SECOND', '0'],
    ['RECONCILIATION_ACCOUNTS_PER_SECOND', '101'],
    ['RECONCILIATION_ACCOUNTS_PER_SECOND', 'fast'],
  ])('refuses %s=%s', (name, value) => {
    expect(refusedVariables({ [name]: value })).toEqual([name]);
  });
});

describe('Stripe Connect settings', () => {
  it('request and require transfers, in the platform’s country, by default', () => {
    expect(loadConfig({}).stripeConnect).toEqual({
      requestedCapabilities: ['transfers'],
      requiredCapabilities: ['transfers'],
      country: undefined,
    });
  });

  it('read the capabilities requested and required, and the country', () => {
    expect(
      loadConfig({
        STRIPE_CONNECT_CAPABILITIES: 'transfers,card_payments',
        STRIPE_CONNECT_REQUIRED_CAPABILITIES: 'transfers',
        STRIPE_CONNECT_COUNTRY: 'FR',
      }).stripeConnect,
    ).toEqual({
      requestedCapabilities: ['transfers', 'card_payments'],
      requiredCapabilities: ['transfers'],
      country: 'FR',
    });
  });

  it('refuse a required capability that is never requested', () => {
    expect(
      problemsOf({
        STRIPE_CONNECT_CAPABILITIES: 'transfers',
        STRIPE_CONNECT_REQUIRED_CAPABILITIES: 'card_payments',
      }),
    ).toEqual([
      'STRIPE_CONNECT_REQUIRED_CAPABILITIES: card_payments not in STRIPE_CONNECT_CAPABILITIES, so never requested',
    ]);
  });

  it.each([
    ['STRIPE_CONNECT_CAPABILITIES', 'Transfers'],
    ['STRIPE_CONNECT_CAPABILITIES', 'transfers,,card_payments'],
    ['STRIPE_CONNECT_CAPABILITIES', 'transfers,transfers'],
    ['STRIPE_CONNECT_COUNTRY', 'fr'],
    ['STRIPE_CONNECT_COUNTRY', 'FRA'],
  ])('refuse %s=%s', (name, value) => {
    expect(refusedVariables({ [name]: value })).toEqual([name]);
  });

  it('take one webhook secret, or two while it is rotated, and no more', () => {
    const withSecrets = (secrets: string) =>
      loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: secrets }).stripe;
    expect(withSecrets('whsec_new')).toMatchObject({ webhookSecrets: ['whsec_new'] });
    expect(withSecrets('whsec_new,whsec_old')).toMatchObject({ webhookSecrets: ['whsec_new', 'whsec_old'] });
    for (const refused of ['whsec_a,whsec_b,whsec_c', 'whsec_a,whsec_a', 'whsec_a,', 'whsec_a, whsec_b']) {
      expect(refusedVariables({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: refused })).toEqual([
        'STRIPE_WEBHOOK_SECRET',
      ]);
    }
  });
});
