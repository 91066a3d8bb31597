import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitExceededError } from '../../common/errors/common.errors.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/**
 * Counts per user on guarded routes (it runs after the JWT guard, so `request.user` is set and a 401 costs
 * nothing) and per client address elsewhere. A refusal is a RateLimitExceededError naming the limit and its reset,
 * which the filter renders as every 429 is (Retry-After and X-RateLimit-*).
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { user?: AuthenticatedUser; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.userId}` : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitExceededError({ limit: detail.limit, resetSeconds: detail.timeToBlockExpire });
  }
}
