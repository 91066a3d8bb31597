import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { answerClientError } from '../http/http-edge.js';
import { ShutdownDrain } from './shutdown-drain.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ShutdownTimings {
  /** How long readiness answers 503 while every request is still served, before the listener closes. */
  drainMs: number;
  /** From the end of the drain: how long in-flight requests and closing may take before the process exits 1. */
  timeoutMs: number;
  /**
   * REQUEST_TIMEOUT_MS, which Node stops enforcing once its listener closes: enforced here from then on, within half
   * the deadline at most, so a slow client never holds the process past it.
   */
  requestTimeoutMs: number;
}

/**
 * On SIGTERM or SIGINT, the way load balancers need it:
 * 1. drain: readiness answers 503 (ShutdownDrain) while requests are still served, each answer saying
 *    `Connection: close`, for `drainMs`: the balancer's health checks take the instance out of rotation meanwhile;
 * 2. stop accepting connections, let in-flight requests finish, close every pool (Prisma, Redis, the metrics
 *    endpoint, the embedded database and emulator) through Nest's shutdown hooks, then let the process end by
 *    itself with code 0.
 * Ending by itself proves nothing was left open; if step 2 takes longer than `timeoutMs`, or leaves something
 * running, the deadline exits with code 1 and says so. A second signal exits at once (code 1).
 *
 * Used instead of Nest's `enableShutdownHooks()`, which re-raises the signal after closing (exit code 143).
 */
export function closeGracefullyOnSignals(
  app: INestApplication,
  { drainMs, timeoutMs, requestTimeoutMs }: ShutdownTimings,
): void {
  const logger = new Logger('Lifecycle');
  const drain = app.get(ShutdownDrain);
  const connections = connectionReleaser(app.getHttpServer() as Server);
  let shuttingDown = false;

  const close = (startedAt: number) => {
    logger.log({ drainMs }, 'Drain over: no new connections; in-flight requests finish; pools close');
    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs },
        `Shutdown did not finish within ${timeoutMs} ms (requests still running or connections left open): exiting 1`,
      );
      process.exit(1);
    }, timeoutMs);
    // The deadline itself must not keep the process alive: a clean close ends it before the timer fires.
    deadline.unref();
    connections.closeIdle();
    connections.cutSlowClientsAfter(Math.min(requestTimeoutMs, timeoutMs / 2));
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

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.error({ signal }, `${signal} again while shutting down: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(
      { signal, drainMs, timeoutMs },
      `${signal}: shutting down (readiness 503 for ${drainMs} ms while requests are still served, then no new connections; in-flight requests finish; pools close)`,
    );
    drain.begin();
    connections.closeAfterEachAnswer();
    const startedAt = Date.now();
    setTimeout(() => close(startedAt), drainMs);
  };

  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Closing the server stops new connections and closes idle keep-alive ones, but a connection busy with a request
 * would stay open after its answer (a load balancer's or client's keep-alive), holding the close until its idle
 * timeout. So once shutdown starts, every answer still to come says `Connection: close` (the client opens its next
 * connection elsewhere, through the balancer), and once the listener closes, each connection is closed as soon as
 * its answer is out.
 *
 * Node also stops checking request timeouts when its listener closes, so a client still sending its request then
 * (a trickled or endless body, headers that never end) would hold the close until the deadline: it gets a last
 * delay, then the same 408 as before the close.
 */
function connectionReleaser(server: Server) {
  const inFlight = new Set<ServerResponse>();
  const open = new Set<Socket>();
  /** The request each connection is answering, from its arrival until its answer is out. */
  const answering = new WeakMap<Socket, IncomingMessage>();
  let releasing = false;
  let closing = false;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    answering.set(request.socket, request);
    response.once('finish', () => answering.delete(request.socket));
  });
  const closeAfterAnswer = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  };
  server.on('request', (_request, response: ServerResponse) => {
    if (releasing) return closeAfterAnswer(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  return {
    closeAfterEachAnswer() {
      releasing = true;
      for (const response of inFlight) closeAfterAnswer(response);
    },
    closeIdle() {
      closing = true;
      server.closeIdleConnections();
    },
    cutSlowClientsAfter(delayMs: number) {
      for (const socket of open) {
        const timer = setTimeout(() => {
          // A request received whole is ours to answer: the shutdown deadline bounds that, not this.
          if (answering.get(socket)?.complete) return;
          answerClientError(
            Object.assign(new Error('Request timeout while shutting down'), {
              code: 'ERR_HTTP_REQUEST_TIMEOUT',
            }),
            socket,
          );
        }, delayMs);
        socket.once('close', () => clearTimeout(timer));
      }
    },
  };
}
