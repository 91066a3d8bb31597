import { Prisma } from '@biore/database';
import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable: a 503 for the caller, not a bug', () => {
  const raw = (cause: object) =>
    new Prisma.PrismaClientKnownRequestError('raw', {
      code: 'P2010',
      clientVersion: '7',
      meta: { driverAdapterError: { cause } },
    });

  it.each([
    [
      'P1001 (server unreachable)',
      new Prisma.PrismaClientKnownRequestError('down', { code: 'P1001', clientVersion: '7' }),
    ],
    [
      'a socket refused under the driver',
      Object.assign(new Error('driver'), { cause: { code: 'ECONNREFUSED' } }),
    ],
    // A raw query's failure carries the driver adapter's own kind (here: the server closed the connection).
    ['a raw query whose connection closed', raw({ kind: 'ConnectionClosed' })],
    ['a statement timeout (57014)', raw({ kind: 'postgres', code: '57014' })],
    // What pg raises when DATABASE_QUERY_TIMEOUT_MS / DATABASE_CONNECT_TIMEOUT_MS fire: plain Errors.
    ['a query read timeout', new Error('Query read timeout')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a pool wait timeout', new Error('timeout exceeded when trying to connect')],
    ['a server gone mid-query', new Error('Connection terminated unexpectedly')],
  ])('%s is unavailability', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'P2002 (a unique constraint)',
      new Prisma.PrismaClientKnownRequestError('unique', { code: 'P2002', clientVersion: '7' }),
    ],
    ['a syntax error (42601)', raw({ kind: 'postgres', code: '42601' })],
    ['any other error', new TypeError('x is undefined')],
  ])('%s is not', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
