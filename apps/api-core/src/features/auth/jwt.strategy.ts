import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { currentRequestContext } from '../../platform/http/request-context.js';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_COOKIE, accessTokenKey } from './access-token.js';
import type { AuthenticatedUser } from './auth.decorators.js';
import { UnauthorizedError } from './auth.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * passport-jwt's strategy: the token from the bearer header or else the login cookie (so a same-origin page needs
 * no header), HS256 only, our issuer and audience, not expired; its `sub` must name a user id.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@InjectConfig() { jwt }: AppConfig) {
    const key = accessTokenKey(jwt.secret);
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        accessTokenCookie,
      ]),
      // A KeyObject, which jsonwebtoken takes as it is (passport-jwt's types only name strings and Buffers).
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: null, key: string) => void) =>
        done(null, key as unknown as string),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: jwt.issuer,
      audience: jwt.audience,
    });
  }

  validate(payload: { sub?: unknown }): AuthenticatedUser {
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub))
      throw new UnauthorizedError('auth.token.invalid');
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.userId = payload.sub;
    return { userId: payload.sub };
  }
}

function accessTokenCookie(request: { headers: { cookie?: string } }): string | null {
  for (const pair of request.headers.cookie?.split(';') ?? []) {
    const [name, ...value] = pair.trim().split('=');
    if (name === ACCESS_TOKEN_COOKIE) return value.join('=') || null;
  }
  return null;
}
