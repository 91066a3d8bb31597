import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ROUTE_ACCESS, type RouteAccess } from './auth.decorators.js';
import { UnauthorizedError, type UnauthorizedI18nKey } from './auth.errors.js';

/**
 * Global: every route needs a valid access token (JwtStrategy) unless it is a `@PublicRoute()`. Passport's
 * refusals become the contract's 401 with the reason in its i18nKey.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    return access === 'public' || super.canActivate(context);
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
