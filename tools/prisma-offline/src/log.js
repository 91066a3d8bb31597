/**
 * Writes one log event the way the native engine does (tracing's JSON format, one object per line on stderr):
 * Prisma's CLI reads `level` and `fields.message`, and `fields.error_code` for errors.
 * @param {NodeJS.WritableStream} stream
 * @param {'INFO' | 'WARN' | 'ERROR'} level
 * @param {Record<string, unknown> & { message: string }} fields
 */
export function writeLog(stream, level, fields) {
  stream.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' })}\n`,
  );
}
