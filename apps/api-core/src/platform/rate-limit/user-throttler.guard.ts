import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitExceededError } from '../errors/common.errors.js';
import { clientNetwork } from '../http/client-network.js';
import { Metrics, UNMATCHED_ROUTE } from '../metrics/metrics.js';

/** What an authentication guard leaves on the request once it knows the caller. */
interface MaybeAuthenticatedRequest {
  user?: { userId: string };
}

/**
 * The throttler's guard, counting per caller: per user on routes whose auth guard named one (it runs first, so an
 * unauthenticated request is refused before it is counted), per client address elsewhere. Counters are keyed by
 * the route's path, so renaming a class or method keeps them; a refusal is the contract's 429. An IPv6 client counts
 * as its /64 (see clientNetwork): one host can send from any address of it.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  // A property, not a constructor parameter: the throttler's guard keeps its own constructor and injections.
  @Inject(Metrics) private readonly metrics!: Metrics;

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const user = (request as MaybeAuthenticatedRequest).user;
    return user ? `user:${user.userId}` : `ip:${clientNetwork(await super.getTracker(request))}`;
  }

  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    const route = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url;
    return `${throttlerName}:${route}:${tracker}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    { limit, timeToBlockExpire }: ThrottlerLimitDetail,
  ): Promise<void> {
    const route = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url;
    this.metrics.countRateLimitRefusal(route ?? UNMATCHED_ROUTE);
    throw new RateLimitExceededError({ limit, resetSeconds: timeToBlockExpire });
  }
}
