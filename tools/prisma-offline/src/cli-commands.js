import { checkConnection, createDatabase, dropDatabase } from './database-admin.js';
import { writeLog } from './log.js';
import { messageOf, UserFacingError } from './user-facing-errors.js';

/** @type {Record<string, (url: string) => Promise<string>>} */
const COMMANDS = {
  'can-connect-to-database': async (url) => {
    await checkConnection(url);
    return 'Connection successful';
  },
  'create-database': async (url) => `Database '${await createDatabase(url)}' was successfully created.`,
  'drop-database': async (url) => {
    await dropDatabase(url);
    return 'The database was successfully dropped.';
  },
};

/**
 * Runs `schema-engine cli <command>`, which Prisma's CLI uses to check, create and drop the database.
 *
 * Prisma's CLI skips the first stderr line and parses every other one as JSON; it shows `fields.error_code` and
 * `fields.message` of the ERROR event. So stderr gets the same start event as the native engine, then only JSON.
 * @param {string | undefined} command
 * @param {string | undefined} url
 * @param {NodeJS.WritableStream} stderr
 * @returns {Promise<number>} the exit code
 */
export async function runCliCommand(command, url, stderr) {
  writeLog(stderr, 'INFO', { message: 'Starting schema engine CLI' });
  const run = command === undefined ? undefined : COMMANDS[command];
  try {
    if (!run)
      throw new Error(`Unknown command \`${command}\`, expected one of: ${Object.keys(COMMANDS).join(', ')}`);
    if (!url)
      throw new Error('The datasource URL is empty: set `datasource.url` in your Prisma config file.');
    writeLog(stderr, 'INFO', { message: await run(url) });
    return 0;
  } catch (error) {
    writeLog(stderr, 'ERROR', {
      is_panic: false,
      error_code: error instanceof UserFacingError ? error.code : '',
      message: messageOf(error),
    });
    return 1;
  }
}
