import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** What every log line and error envelope written while serving one request says about it. */
export interface RequestContext {
  readonly correlationId: string;
  /** Set by the JWT guard once the caller is known. */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (none at boot, in timers, on Stripe's webhook retries…). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Runs the rest of the request (routing, body parsing, guards, handler, filter) inside its context, and writes its
 * access line when the answer is sent. One AsyncLocalStorage, entered once by the HTTP edge: cheaper per request
 * than a framework-level CLS (measured in bench/RESULTS.md).
 */
export function serveInContext(
  context: RequestContext,
  accessLog: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const startedAt = performance.now();
  response.once('finish', () => {
    accessLog.info(
      {
        correlationId: context.correlationId,
        userId: context.userId,
        method: request.method,
        route: request.url?.split('?')[0],
        status: response.statusCode,
        durationMs: performance.now() - startedAt,
      },
      'request completed',
    );
  });
  storage.run(context, next);
}
