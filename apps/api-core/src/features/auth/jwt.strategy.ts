import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { requestContextOf } from '../../platform/http/request-context.js';
import {
  ACCESS_TOKEN_ALGORITHM,
  type AccessTokenClaims,
  accessTokenDigest,
  accessTokenKey,
  extractAccessToken,
} from './access-token.js';
import { AccessTokenRevocations } from './access-token-revocations.js';
import type { AuthenticatedUser } from './auth.decorators.js';
import { UnauthorizedError } from './auth.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRATEGY_NAME = 'jwt';

/** passport's registry of strategies by name: one for the whole process, whichever app registered last. */
const registry = passport as unknown as {
  _strategy(name: string): passport.Strategy | undefined;
  use(name: string, strategy: passport.Strategy): void;
  unuse(name: string): void;
};

/**
 * passport-jwt's strategy: the token from the bearer header or else the login cookie, HS256 only, our issuer and
 * audience, not expired; `validate` then requires an expiry at all and a `sub` naming a user id, and asks the
 * database whether that user still exists and the token was not signed out since (one query).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) implements OnApplicationShutdown {
  /** The strategy this one replaced under its name, when another app runs in the same process (tests do). */
  private readonly replaced: passport.Strategy | undefined;

  constructor(
    @InjectConfig() { jwt }: AppConfig,
    private readonly revocations: AccessTokenRevocations,
  ) {
    const replaced = registry._strategy(STRATEGY_NAME);
    const key = accessTokenKey(jwt.secret);
    super({
      jwtFromRequest: extractAccessToken,
      // A KeyObject, which jsonwebtoken takes as it is (passport-jwt's types only name strings and Buffers).
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: null, key: string) => void) =>
        done(null, key as unknown as string),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: jwt.issuer,
      audience: jwt.audience,
      // validate() needs the token itself: a revoked one is known by its digest.
      passReqToCallback: true,
    });
    this.replaced = replaced;
  }

  /**
   * Gives the name back to the strategy this one replaced: otherwise an app still running in the process would go on
   * verifying its tokens with this closed app's strategy, and reopen this app's database connections to do it.
   */
  onApplicationShutdown(): void {
    if (registry._strategy(STRATEGY_NAME) !== this) return;
    if (this.replaced) registry.use(STRATEGY_NAME, this.replaced);
    else registry.unuse(STRATEGY_NAME);
  }

  async validate(
    request: FastifyRequest,
    { sub, exp, ver = 0 }: AccessTokenClaims & { sub?: unknown; exp?: unknown },
  ): Promise<AuthenticatedUser> {
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof exp !== 'number' || !Number.isInteger(ver))
      throw new UnauthorizedError('auth.token.invalid');
    const digest = accessTokenDigest(extractAccessToken(request) ?? '');
    const standing = await this.revocations.standing(sub, digest, ver);
    if (standing === 'user_not_found') throw new UnauthorizedError('auth.token.user_not_found');
    if (standing === 'revoked') throw new UnauthorizedError('auth.token.revoked');
    const requestContext = requestContextOf(request.raw);
    if (requestContext) requestContext.userId = sub;
    return { userId: sub, token: { digest, expiresAt: new Date(exp * 1_000) } };
  }
}
