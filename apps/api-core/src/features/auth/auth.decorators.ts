import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../platform/http/api-docs.decorator.js';
import { ACCESS_TOKEN_COOKIE } from './access-token.js';
import { CrossOriginRequestError, UnauthorizedError } from './auth.errors.js';

export const ROUTE_ACCESS = 'biore:route-access';
export type RouteAccess = 'bearer' | 'public';

/** Who a verified access token speaks for (its `sub`), and which token it was (what sign-out revokes). */
export interface AuthenticatedUser {
  userId: string;
  token: { digest: string; expiresAt: Date };
}

/**
 * The route needs a valid access token, from the `Authorization: Bearer` header or else the login cookie (from a
 * page of our own origin only); the global JwtAuthGuard checks it (and is also what a route without any access
 * decorator gets).
 */
export function BearerAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, 'bearer' satisfies RouteAccess),
    ApiBearerAuth(),
    ApiCookieAuth(ACCESS_TOKEN_COOKIE),
    ApiErrorResponses(
      new UnauthorizedError('auth.token.missing'),
      new UnauthorizedError('auth.token.invalid'),
      new UnauthorizedError('auth.token.expired'),
      new UnauthorizedError('auth.token.user_not_found'),
      new UnauthorizedError('auth.token.revoked'),
      new CrossOriginRequestError(),
    ),
  );
}

/** Anyone may call the route (login, Stripe's redirects and webhooks, health checks). */
export function PublicRoute(): MethodDecorator & ClassDecorator {
  return SetMetadata(ROUTE_ACCESS, 'public' satisfies RouteAccess);
}

/** The caller the JWT guard verified; only on `@BearerAuth()` routes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
