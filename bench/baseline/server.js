/**
 * The API's hot path on plain node:http: the floor the API is measured against. It reads the API's
 * environment variables and builds the same clients with the same options (jsonwebtoken, ioredis, Prisma on
 * @prisma/adapter-pg, the Stripe SDK); it serves the dashboard-link route and the readiness probe only.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createPgAdapter, PrismaClient } from '@biore/database';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import Stripe from 'stripe';
import { createDashboardLinkRoute, RouteError } from './dashboard-link.js';

const env = process.env;
const ACCEPTED_CORRELATION_ID = /^[A-Za-z0-9._-]{8,128}$/;

const accessLog = pino({
  level: env.LOG_LEVEL ?? 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});
const prisma = new PrismaClient({
  adapter: createPgAdapter({ url: required('DATABASE_URL'), poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) }),
});
const redis = new Redis(required('REDIS_URL'), {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1_000,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
});
const stripeApi = new URL(required('STRIPE_API_BASE'));
// The API's agent (stripe-client.ts): keep-alive, every connection kept while idle, closed after 5 s idle.
const stripeMaxSockets = Number(env.STRIPE_MAX_SOCKETS ?? 1_000);
const stripe = new Stripe(required('STRIPE_SECRET_KEY'), {
  httpClient: Stripe.createNodeHttpClient(
    new http.Agent({
      keepAlive: true,
      maxSockets: stripeMaxSockets,
      maxFreeSockets: stripeMaxSockets,
      timeout: 5_000,
    }),
  ),
  timeout: Number(env.STRIPE_TIMEOUT_MS ?? 8_000),
  maxNetworkRetries: Number(env.STRIPE_MAX_NETWORK_RETRIES ?? 1),
  telemetry: false,
  host: stripeApi.hostname,
  port: Number(stripeApi.port) || 80,
  protocol: 'http',
});
const dashboardLink = createDashboardLinkRoute({
  jwt: {
    secret: required('JWT_SECRET'),
    issuer: env.JWT_ISSUER ?? 'https://api.bio.re',
    audience: env.JWT_AUDIENCE ?? 'bio.re',
  },
  redis,
  throttleKeyPrefix: `${env.REDIS_KEY_PREFIX ?? 'biore:'}throttle:`,
  prisma,
  stripe,
});

/** @param {string} name */
function required(name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** @param {http.ServerResponse} response @param {number} status @param {unknown} body */
function sendJson(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  response.end(json);
}

/** @param {unknown} error @param {string} correlationId */
function errorEnvelope(error, correlationId) {
  const known =
    error instanceof RouteError ? error : new RouteError(500, 'INTERNAL_ERROR', 'common.internal');
  return {
    status: known.status,
    headers: known.headers,
    body: {
      success: false,
      error: { code: known.code, message: known.i18nKey, i18nKey: known.i18nKey, correlationId },
    },
  };
}

async function readiness() {
  await prisma.$queryRaw`SELECT 1`;
  await redis.ping();
  return { status: 'ok', checks: { database: 'up', redis: 'up' } };
}

/** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
async function handle(request, response) {
  const sent = request.headers['x-correlation-id'];
  const correlationId = typeof sent === 'string' && ACCEPTED_CORRELATION_ID.test(sent) ? sent : randomUUID();
  const startedAt = process.hrtime.bigint();
  /** @type {string | undefined} */
  let userId;
  response.setHeader('x-correlation-id', correlationId);
  response.setHeader('Cache-Control', 'no-store');
  response.once('finish', () => {
    accessLog.info(
      {
        correlationId,
        userId,
        method: request.method,
        route: request.url?.split('?')[0],
        status: response.statusCode,
        durationMs: Number(process.hrtime.bigint() - startedAt) / 1e6,
      },
      'request completed',
    );
  });
  request.resume();
  try {
    if (request.method === 'POST' && request.url === '/api/v1/creators/stripe-connect/dashboard-link') {
      const data = await dashboardLink(request, response, (id) => {
        userId = id;
      });
      sendJson(response, 200, { success: true, data });
    } else if (request.method === 'GET' && request.url === '/health/ready') {
      sendJson(response, 200, { success: true, data: await readiness() });
    } else {
      throw new RouteError(404, 'NOT_FOUND', 'common.not_found');
    }
  } catch (error) {
    const failure = errorEnvelope(error, correlationId);
    for (const [name, value] of Object.entries(failure.headers)) response.setHeader(name, value);
    sendJson(response, failure.status, failure.body);
  }
}

const server = http.createServer((request, response) => {
  handle(request, response);
});

async function shutDown() {
  server.close();
  server.closeAllConnections();
  await Promise.allSettled([prisma.$disconnect(), redis.quit()]);
  process.exit(0);
}
process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);

await prisma.$queryRaw`SELECT 1`;
server.listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', () => {
  console.warn(`baseline ready on http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 3000}`);
});
