import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runCliCommand } from './cli-commands.js';
import { loadSchemaEngineWasm } from './engine-loader.js';
import { serveJsonRpc } from './rpc.js';
import { createSchemaEngineHandler } from './schema-engine.js';

/** @typedef {import('./pg-adapter.js').Datasource} Datasource */

/**
 * Runs the engine with the native binary's command line:
 *   schema-engine [--datamodels <file>]... [--datasource <json>]            JSON-RPC server on stdin/stdout
 *   schema-engine --datasource <json> cli <can-connect-to-database|create-database|drop-database>
 *   schema-engine --version
 * @param {string[]} argv
 * @param {{ stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream }} io
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { stdin, stdout, stderr }) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      datamodels: { type: 'string', short: 'd', multiple: true },
      datasource: { type: 'string' },
      // Accepted for compatibility: the WebAssembly engine takes neither.
      'enabled-preview-features': { type: 'string' },
      'extension-types': { type: 'string' },
      version: { type: 'boolean', short: 'V' },
    },
  });
  /** @type {Datasource} */
  const datasource = values.datasource ? JSON.parse(values.datasource) : {};

  if (values.version) {
    // `prisma -v` shows this line as the schema engine's version.
    stdout.write(`schema-engine-cli ${loadSchemaEngineWasm().version()}\n`);
    return 0;
  }
  if (positionals[0] === 'cli') {
    return runCliCommand(positionals[1], datasource.url, stderr);
  }
  if (positionals.length > 0) {
    throw new Error(`Unexpected argument \`${positionals[0]}\``);
  }

  // `migrate diff` starts the engine without schema files; the engine wants `undefined` then, not an empty list.
  const datamodels = values.datamodels
    ? await Promise.all(
        values.datamodels.map(
          async (file) => /** @type {[string, string]} */ ([file, await readFile(file, 'utf8')]),
        ),
      )
    : undefined;
  const handle = createSchemaEngineHandler({
    datamodels,
    datasource,
    log: (line) => stderr.write(`${line}\n`),
  });
  return serveJsonRpc({ input: stdin, output: stdout, handle });
}
