import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ClsServiceManager } from 'nestjs-cls';
import { UnauthorizedError } from './auth.errors.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** passport-jwt's reason for a refusal, turned into the i18nKey the client shows. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<User extends AuthenticatedUser = AuthenticatedUser>(
    error: unknown,
    user: User | false,
    info: unknown,
  ): User {
    if (user && !error) {
      ClsServiceManager.getClsService().set('userId', user.userId);
      return user;
    }
    const reason = info instanceof Error ? info : undefined;
    if (reason?.name === 'TokenExpiredError') throw new UnauthorizedError('auth.token.expired', reason);
    if (reason?.message === 'No auth token') throw new UnauthorizedError('auth.token.missing', reason);
    throw new UnauthorizedError('auth.token.invalid', error ?? reason);
  }
}
