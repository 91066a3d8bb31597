import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config.js';
import { InjectConfig } from '../../config/config.module.js';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_COOKIE, accessTokenKey } from './access-token.js';
import type { AuthenticatedUser } from './authenticated-user.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromAccessTokenCookie(request: { headers: { cookie?: string } }): string | null {
  for (const pair of request.headers.cookie?.split(';') ?? []) {
    const [name, ...value] = pair.trim().split('=');
    if (name === ACCESS_TOKEN_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** Verifies the bearer header, or else the login cookie (so a same-origin page needs no header). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@InjectConfig() config: AppConfig) {
    const key = accessTokenKey(config.jwt.secret);
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        fromAccessTokenCookie,
      ]),
      // passport-jwt's types know only string keys; jsonwebtoken verifies with the KeyObject as given.
      secretOrKeyProvider: (_request, _token, done) => done(null, key as unknown as Buffer),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  validate(payload: { sub?: unknown }): AuthenticatedUser | false {
    return typeof payload.sub === 'string' && UUID.test(payload.sub) ? { userId: payload.sub } : false;
  }
}
