import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { isCrossOriginRequest } from '../../platform/http/request-origin.js';
import { bearerToken, cookieToken } from './access-token.js';
import { ROUTE_ACCESS, type RouteAccess } from './auth.decorators.js';
import { CrossOriginRequestError, UnauthorizedError, type UnauthorizedI18nKey } from './auth.errors.js';

/**
 * Global: every route needs a valid access token (JwtStrategy) unless it is a `@PublicRoute()`. Passport's
 * refusals become the contract's 401 with the reason in its i18nKey.
 *
 * A token from the cookie is only taken from a page of our own (the request's origin, PUBLIC_URL's, the web app's at
 * APP_URL, which a proxy such as Vite's may forward under the API's host) or of CORS_ORIGINS, or from no browser:
 * browsers attach the cookie to requests other pages make (SameSite=Strict still lets another port or a subdomain
 * through), and a body-less POST needs no preflight, so without this any such page could act for a signed-in creator.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  /** Origins other than the request's own whose pages may use the cookie: PUBLIC_URL, APP_URL and CORS_ORIGINS. */
  private readonly trustedOrigins: ReadonlySet<string>;

  constructor(
    private readonly reflector: Reflector,
    @InjectConfig() { corsOrigins, urls }: AppConfig,
  ) {
    super();
    this.trustedOrigins = new Set([...corsOrigins, new URL(urls.publicApi).origin, new URL(urls.app).origin]);
  }

  override canActivate(context: ExecutionContext) {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const authenticatedByCookie = !bearerToken(request) && cookieToken(request) !== null;
    if (
      authenticatedByCookie &&
      isCrossOriginRequest(request.headers, ownOrigin(request), this.trustedOrigins)
    )
      throw new CrossOriginRequestError();
    return super.canActivate(context);
  }

  override handleRequest<User>(error: unknown, user: User | false, info: unknown): User {
    if (error) throw error;
    if (user) return user;
    throw new UnauthorizedError(reasonOf(info), info);
  }
}

/** `info` is passport-jwt's reason: its own error when no token was found, else jsonwebtoken's. */
function reasonOf(info: unknown): UnauthorizedI18nKey {
  if (!(info instanceof Error)) return 'auth.token.invalid';
  if (info.name === 'TokenExpiredError') return 'auth.token.expired';
  return info.message === 'No auth token' ? 'auth.token.missing' : 'auth.token.invalid';
}

/** The origin the request was addressed to, as its browser would write it (through trusted proxies' headers). */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
