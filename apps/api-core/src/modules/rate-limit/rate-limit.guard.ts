import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { type RateLimit, RateLimiter } from './rate-limiter.js';

const RATE_LIMIT = 'biore:rate-limit';

/** The route's limit, which `RateLimitGuard` enforces (set through `@Endpoint`). */
export const RateLimited = (limit: RateLimit) => SetMetadata(RATE_LIMIT, limit);

/**
 * Counts per user on guarded routes (it runs after the JWT guard, so `request.user` is set and a 401 costs
 * nothing) and per client address elsewhere, one counter per route. An allowed request carries the limit's
 * `X-RateLimit-*` headers; a refusal is the RateLimiter's 429. One metadata lookup and one storage call: the
 * generic throttler guard's per-request lookups and key hashing cost more (bench/RESULTS.md).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.reflector.get<RateLimit | undefined>(RATE_LIMIT, context.getHandler());
    if (!limit)
      throw new Error(`${context.getClass().name}.${context.getHandler().name} names no rate limit`);
    const http = context.switchToHttp();
    const request = http.getRequest<{ user?: AuthenticatedUser; ip?: string }>();
    const tracker = request.user ? `user:${request.user.userId}` : `ip:${request.ip ?? 'unknown'}`;
    const { remaining, resetSeconds } = await this.limiter.hit(
      `${context.getClass().name}.${context.getHandler().name}:${tracker}`,
      limit,
    );
    const adapter = this.adapterHost.httpAdapter;
    const response = http.getResponse();
    adapter.setHeader(response, 'X-RateLimit-Limit', String(limit.limit));
    adapter.setHeader(response, 'X-RateLimit-Remaining', String(remaining));
    adapter.setHeader(response, 'X-RateLimit-Reset', String(resetSeconds));
    return true;
  }
}
