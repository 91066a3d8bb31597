import type { Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, close every pool (Prisma, Redis,
 * the embedded database and emulator) through Nest's shutdown hooks, then let the process end by itself with code 0.
 * Ending by itself proves nothing was left open; if closing takes longer than `timeoutMs`, or leaves something
 * running, the deadline exits with code 1 and says so. A second signal exits at once (code 1).
 *
 * Used instead of Nest's `enableShutdownHooks()`, which re-raises the signal after closing (exit code 143).
 */
export function closeGracefullyOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Lifecycle');
  const releaseConnections = keepAliveReleaser(app.getHttpServer() as Server);
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.error({ signal }, `${signal} again while shutting down: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(
      { signal, timeoutMs },
      `${signal}: shutting down (no new connections; in-flight requests finish; pools close)`,
    );
    const startedAt = Date.now();
    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs },
        `Shutdown did not finish within ${timeoutMs} ms (requests still running or connections left open): exiting 1`,
      );
      process.exit(1);
    }, timeoutMs);
    // The deadline itself must not keep the process alive: a clean close ends it before the timer fires.
    deadline.unref();
    releaseConnections();
    app.close().then(
      () => {
        process.exitCode = 0;
        logger.log({ elapsedMs: Date.now() - startedAt }, 'Shutdown complete');
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed: exiting 1');
        process.exit(1);
      },
    );
  };

  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Closing the server stops new connections and closes idle keep-alive ones, but a connection busy with a request
 * would stay open after its answer (a load balancer's or client's keep-alive), holding the close until its idle
 * timeout. So once shutdown starts, every answer still to come says `Connection: close`, and its connection is
 * closed as soon as the answer is out. Returns the function that starts this.
 */
function keepAliveReleaser(server: Server): () => void {
  const inFlight = new Set<ServerResponse>();
  let releasing = false;
  const closeAfterAnswer = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
    response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };
  server.on('request', (_request, response: ServerResponse) => {
    if (releasing) return closeAfterAnswer(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  return () => {
    releasing = true;
    for (const response of inFlight) closeAfterAnswer(response);
    server.closeIdleConnections();
  };
}
