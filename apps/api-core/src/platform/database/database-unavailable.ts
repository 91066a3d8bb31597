import { Prisma } from '@biore/database';

// Prisma's codes for "the database is out of reach" (connection, timeout, pool exhaustion, too many connections).
const PRISMA_UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
// What the `pg` driver adapter reports for the same (raw queries carry it as P2010 with this cause).
const DRIVER_UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// SQLSTATEs: statement timeout, server shutting down, not accepting connections yet.
const POSTGRES_UNAVAILABLE_STATES = new Set(['57014', '57P01', '57P02', '57P03']);
const SOCKET_FAILURE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
// `pg` and `pg-pool` raise these as plain Errors (no code), and the adapter passes them on unconverted:
// DATABASE_QUERY_TIMEOUT_MS and DATABASE_CONNECT_TIMEOUT_MS firing, or a server that went away mid-query.
const DRIVER_UNAVAILABLE_MESSAGES =
  /^(Query read timeout|Connection terminated( unexpectedly| due to connection timeout)|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

/** Whether an error means the database is unreachable, hung or overloaded: a 503 for the caller, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (PRISMA_UNAVAILABLE_CODES.has(error.code)) return true;
    const driverError = (error.meta as { driverAdapterError?: { cause?: DriverCause } } | undefined)
      ?.driverAdapterError?.cause;
    return driverError !== undefined && isUnavailableDriverCause(driverError);
  }
  // The driver adapter can surface a lost server as the socket's own error, before Prisma gives it a code.
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string' && SOCKET_FAILURE_CODES.has(code)) return true;
  return error instanceof Error && DRIVER_UNAVAILABLE_MESSAGES.test(error.message);
}

interface DriverCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

function isUnavailableDriverCause(cause: DriverCause): boolean {
  if (cause.kind && DRIVER_UNAVAILABLE_KINDS.has(cause.kind)) return true;
  return cause.kind === 'postgres' && POSTGRES_UNAVAILABLE_STATES.has(cause.code ?? cause.originalCode ?? '');
}
