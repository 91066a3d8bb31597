import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { type Metrics, UNMATCHED_ROUTE } from '../metrics/metrics.js';

/** What every log line and error envelope written while serving one request says about it. */
export interface RequestContext {
  readonly correlationId: string;
  /** The route's template (`/api/v1/creators/stripe-connect/dashboard-link`), never the raw URL; none for a 404. */
  readonly route?: string;
  /** Set by the JWT guard once the caller is known. */
  userId?: string;
  /** Stripe's answers to the calls made for this request, with Stripe's request ids (what Stripe support asks for). */
  stripeCalls?: StripeCallLog[];
  /** Set once the access line is written: whatever is learnt later (a client gave up first) needs its own line. */
  accessLineWritten?: boolean;
}

export interface StripeCallLog {
  stripeRequestId: string | null;
  method: string;
  path: string;
  status: number;
  elapsedMs: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (none at boot, in timers, on Stripe's webhook retries…). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Runs the rest of the request (routing, body parsing, guards, handler, filter) inside its context, and writes its
 * one access line and its metrics when the connection is done with it, aborted requests included. One AsyncLocalStorage, entered
 * once by the HTTP edge, and one line per request, naming the Stripe calls made for it.
 */
export function serveInContext(
  context: RequestContext,
  { accessLog, metrics }: { accessLog: Logger; metrics: Metrics },
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const startedAt = performance.now();
  response.once('close', () => {
    const durationMs = performance.now() - startedAt;
    metrics.observeRequest({
      method: request.method ?? '',
      route: context.route ?? UNMATCHED_ROUTE,
      status: response.headersSent ? String(response.statusCode) : 'aborted',
      seconds: durationMs / 1_000,
    });
    accessLog.info(
      {
        correlationId: context.correlationId,
        userId: context.userId,
        method: request.method,
        route: request.url?.split('?')[0],
        // A client that leaves before the answer gets none: no status to report, only that it left.
        ...(response.headersSent ? { status: response.statusCode } : {}),
        ...(!response.writableFinished && { aborted: true }),
        durationMs,
        stripeCalls: context.stripeCalls,
      },
      'request completed',
    );
    context.accessLineWritten = true;
  });
  storage.run(context, next);
}
