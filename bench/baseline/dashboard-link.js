/** POST /api/v1/creators/stripe-connect/dashboard-link without a framework: the same steps, in order. */
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { countHit } from './rate-limiter.js';
import { tokenStanding } from './token-standing.js';

const RATE_LIMIT = { limit: 10, windowMs: 3_600_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refusal with the API's status, code and i18n key. */
export class RouteError extends Error {
  /** @param {number} status @param {string} code @param {string} i18nKey @param {Record<string, string | number>} [headers] */
  constructor(status, code, i18nKey, headers = {}) {
    super(i18nKey);
    this.status = status;
    this.code = code;
    this.i18nKey = i18nKey;
    this.headers = headers;
  }
}

/**
 * @param {{
 *   jwt: { secret: string, issuer: string, audience: string },
 *   redis: import('ioredis').Redis,
 *   throttleKeyPrefix: string,
 *   prisma: import('@biore/database').PrismaClient,
 *   stripe: import('stripe').Stripe,
 * }} dependencies
 */
export function createDashboardLinkRoute({ jwt: signing, redis, throttleKeyPrefix, prisma, stripe }) {
  // As the API does: a KeyObject built once, so jsonwebtoken does not try the secret as a PEM key per call.
  const key = createSecretKey(Buffer.from(signing.secret, 'utf8'));
  const verifyOptions = {
    algorithms: /** @type {import('jsonwebtoken').Algorithm[]} */ (['HS256']),
    issuer: signing.issuer,
    audience: signing.audience,
  };

  /**
   * The API's checks: signature, issuer, audience and expiry, an expiry at all, a user id, an integer version;
   * then the database's word on the user and the token.
   * @param {string | undefined} authorization
   * @returns {Promise<string>} the user id
   */
  async function authenticate(authorization) {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token) throw new RouteError(401, 'AUTH_UNAUTHORIZED', 'auth.token.missing');
    /** @type {import('jsonwebtoken').JwtPayload | undefined} */
    let claims;
    try {
      claims = /** @type {import('jsonwebtoken').JwtPayload} */ (jwt.verify(token, key, verifyOptions));
    } catch {
      // every verification failure is the same refusal below
    }
    const { sub, exp, ver = 0 } = claims ?? {};
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof exp !== 'number' || !Number.isInteger(ver))
      throw new RouteError(401, 'AUTH_UNAUTHORIZED', 'auth.token.invalid');
    const standing = await tokenStanding(prisma, sub, token, ver);
    if (standing !== 'valid') throw new RouteError(401, 'AUTH_UNAUTHORIZED', `auth.token.${standing}`);
    return sub;
  }

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   * @param {(userId: string) => void} onAuthenticated
   * @returns {Promise<{ url: string }>}
   */
  return async function dashboardLink(request, response, onAuthenticated) {
    const userId = await authenticate(request.headers.authorization);
    onAuthenticated(userId);

    const hit = await countHit(redis, throttleKeyPrefix, userId, RATE_LIMIT);
    const rateHeaders = {
      'X-RateLimit-Limit': RATE_LIMIT.limit,
      'X-RateLimit-Remaining': Math.max(0, RATE_LIMIT.limit - hit.totalHits),
      'X-RateLimit-Reset': hit.secondsToReset,
    };
    if (hit.blocked) {
      throw new RouteError(429, 'RATE_LIMIT_EXCEEDED', 'rate_limit.exceeded', {
        ...rateHeaders,
        'X-RateLimit-Remaining': 0,
        'Retry-After': hit.secondsToReset,
      });
    }
    for (const [name, value] of Object.entries(rateHeaders)) response.setHeader(name, value);

    const profile = await prisma.creatorProfile.findUnique({
      where: { userId },
      select: { id: true, stripeAccountId: true, stripeAccountStatus: true },
    });
    if (!profile) throw new RouteError(404, 'NOT_FOUND', 'creator.stripe.not_creator');
    if (!profile.stripeAccountId)
      throw new RouteError(400, 'BAD_REQUEST', 'creator.stripe.account_not_found');
    if (profile.stripeAccountStatus !== 'ACTIVE') {
      throw new RouteError(400, 'BAD_REQUEST', 'creator.stripe.not_active');
    }
    const loginLink = await stripe.accounts.createLoginLink(profile.stripeAccountId);
    return { url: loginLink.url };
  };
}
