import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/**
 * Counts per user on guarded routes (it runs after the JWT guard, so `request.user` is set and a 401 costs
 * nothing) and per client address elsewhere. A 429 also carries the X-RateLimit-* headers, which the library
 * sets only on allowed requests.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { user?: AuthenticatedUser; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.userId}` : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context.switchToHttp().getResponse();
    this.setResponseHeader(response, `${this.headerPrefix}-Limit`, detail.limit);
    this.setResponseHeader(response, `${this.headerPrefix}-Remaining`, 0);
    this.setResponseHeader(response, `${this.headerPrefix}-Reset`, detail.timeToExpire);
    return super.throwThrottlingException(context, detail);
  }
}
