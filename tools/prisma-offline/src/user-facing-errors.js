import { describeDatabaseUrl } from './database-url.js';

/** A Prisma user-facing error: Prisma's CLI prints its code and message as they are. */
export class UserFacingError extends Error {
  /**
   * @param {string} code a Prisma error code such as `P1001`
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
  }
}

/**
 * Translates a `pg` failure to connect, create or drop a database into the error the native engine reports, with
 * the same code and wording, so Prisma's CLI (and whoever greps its output) sees no difference.
 * @param {unknown} error
 * @param {string} url the connection string that failed
 * @param {{ connecting: boolean }} context while connecting, any failure that PostgreSQL did not report itself (refused,
 *   unknown host, timeout, connection cut by something in between) means the server cannot be reached
 * @returns {UserFacingError | undefined} undefined when the failure is none of the known cases
 */
export function toUserFacingError(error, url, { connecting }) {
  let location;
  try {
    location = describeDatabaseUrl(url);
  } catch (urlError) {
    return new UserFacingError('P1013', `The provided database string is invalid. ${messageOf(urlError)}`);
  }
  const { host, port, database, user } = location;
  const { code, severity } = /** @type {{ code?: unknown, severity?: unknown }} */ (error ?? {});

  if (connecting && severity === undefined) {
    return new UserFacingError(
      'P1001',
      `Can't reach database server at \`${host}\`:\`${port}\`\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.`,
    );
  }
  switch (code) {
    case '3D000':
      return new UserFacingError(
        'P1003',
        `Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`,
      );
    case '28P01':
      return new UserFacingError(
        'P1000',
        `Authentication failed against database server at \`${host}\`, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${host}\`.`,
      );
    case '28000':
    case '42501':
      return new UserFacingError(
        'P1010',
        `User \`${user}\` was denied access on the database \`${database}\``,
      );
    case '42P04':
      return new UserFacingError(
        'P1009',
        `Database \`${database}\` already exists on the database server at \`${host}:${port}\``,
      );
    default:
      return undefined;
  }
}

/** @param {unknown} error */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
