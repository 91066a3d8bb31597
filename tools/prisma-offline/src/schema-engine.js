import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { checkConnection } from './database-admin.js';
import { lastWasmPanicMessage, loadSchemaEngineWasm } from './engine-loader.js';
import { createAdapterFactory } from './pg-adapter.js';
import { METHOD_NOT_FOUND, RpcError } from './rpc.js';
import { messageOf } from './user-facing-errors.js';

/** @typedef {import('./engine-loader.js').WasmSchemaEngine} WasmSchemaEngine */
/** @typedef {import('./pg-adapter.js').Datasource} Datasource */
/** @typedef {import('./rpc.js').RpcPeer} RpcPeer */
/** @typedef {import('@prisma/schema-engine-wasm').DiffParams} DiffParams */
/** @typedef {import('@prisma/schema-engine-wasm').CreateMigrationInput} CreateMigrationInput */
/** @typedef {import('@prisma/schema-engine-wasm').EvaluateDataLossInput} EvaluateDataLossInput */
/** @typedef {import('@prisma/driver-adapter-utils').ErrorRegistry} ErrorRegistry */

// The native engine answers every failure with this JSON-RPC error, the details being in `data`.
const ENGINE_ERROR_CODE = 4466;
const ENGINE_ERROR_MESSAGE = 'An error happened. Check the data field for details.';
const PANIC_EXIT_CODE = 101;
const PRISMA_ERROR_CODE = /^P\d{4}$/;
const POSTGRESQL_LOCKFILE = 'provider = "postgresql"\n';

/** Methods the WebAssembly engine implements with the same parameters and result as the native one. */
const FORWARDED = [
  'applyMigrations',
  'dbExecute',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'ensureConnectionValidity',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
];

/**
 * @typedef {(engine: WasmSchemaEngine, params: any, peer: RpcPeer) => Promise<unknown>} EngineMethod
 * @type {Record<string, EngineMethod>}
 */
const METHODS = {
  // Called as methods of `engine`: the bindings read the instance pointer from `this`.
  ...Object.fromEntries(FORWARDED.map((name) => [name, (engine, params) => engine[name](params)])),

  getDatabaseVersion: (engine) => engine.version(),

  debugPanic: async (engine) => engine.debugPanic(),

  // The native engine prints the diff through the CLI (a `print` call) instead of returning it.
  diff: async (engine, /** @type {DiffParams} */ params, peer) => {
    const { exitCode, stdout } = await engine.diff(params);
    if (stdout) await peer.call('print', { content: stdout.replace(/\n$/, '') });
    return { exitCode, stdout: null };
  },

  // The WebAssembly engine's own createMigration and evaluateDataLoss fail on PostgreSQL ("shadow DB must be
  // provided through an external factory"), while `diff` from the migrations directory uses our shadow database:
  // it renders the same script.
  createMigration: async (engine, /** @type {CreateMigrationInput} */ params) => {
    const { script, hasChanges } = await diffFromMigrations(engine, params);
    return {
      connectorType: 'postgresql',
      generatedMigrationName: migrationDirectoryName(params.migrationName),
      migrationScript: hasChanges || params.draft ? script : null,
      extension: 'sql',
    };
  },

  // The CLI only asks whether there is a step at all; data loss warnings are not available this way.
  evaluateDataLoss: async (engine, /** @type {EvaluateDataLossInput} */ params) => {
    const { hasChanges } = await diffFromMigrations(engine, params);
    return { migrationSteps: hasChanges ? 1 : 0, warnings: [], unexecutableSteps: [] };
  },
};

/**
 * Serves the native engine's methods from the WebAssembly engine, started on the first request.
 * @param {{ datamodels: [string, string][] | undefined, datasource: Datasource, log: (line: string) => void }} options
 * @returns {import('./rpc.js').RpcHandler}
 */
export function createSchemaEngineHandler({ datamodels, datasource, log }) {
  /** @type {Promise<WasmSchemaEngine> | undefined} */
  let engine;
  /** @type {ErrorRegistry | undefined} */
  let errorRegistry;

  const startEngine = async () => {
    const { url } = datasource;
    if (!url) {
      throw new Error('The datasource URL is empty: set `datasource.url` in your Prisma config file.');
    }
    const { SchemaEngine } = loadSchemaEngineWasm();
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory({ ...datasource, url }));
    errorRegistry = adapterFactory.errorRegistry;
    try {
      return await SchemaEngine.new({ datamodels }, log, adapterFactory);
    } catch (error) {
      // The engine keeps only the message of a connection failure; connecting ourselves recovers the error code.
      await checkConnection(url);
      throw error;
    }
  };

  return async (method, params, peer) => {
    const run = METHODS[method];
    if (!run) throw new RpcError(METHOD_NOT_FOUND, `Method not found: ${method}`);
    try {
      engine ??= startEngine();
      return await run(await engine, params, peer);
    } catch (error) {
      throw toRpcError(error, errorRegistry);
    }
  };
}

/**
 * @param {WasmSchemaEngine} engine
 * @param {CreateMigrationInput | EvaluateDataLossInput} params
 */
async function diffFromMigrations(engine, { migrationsList, schema, filters }) {
  // Before the first migration there is no migration_lock.toml, from which `diff` learns the database kind.
  const lockfile = {
    ...migrationsList.lockfile,
    content: migrationsList.lockfile.content ?? POSTGRESQL_LOCKFILE,
  };
  const { exitCode, stdout } = await engine.diff({
    from: { tag: 'migrations', ...migrationsList, lockfile },
    to: { tag: 'schemaDatamodel', ...schema },
    script: true,
    // With exitCode set, the engine reports a non-empty diff as 2: the script alone is never empty (it has comments).
    exitCode: true,
    filters,
  });
  return { script: stdout ?? '', hasChanges: exitCode === 2 };
}

/**
 * The native engine's directory name: the UTC time to the second, then the (already slugified) name.
 * @param {string} migrationName
 */
function migrationDirectoryName(migrationName) {
  const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return migrationName ? `${timestamp}_${migrationName}` : timestamp;
}

/**
 * Shapes a failure like the native engine's, whose `data` Prisma's CLI reads: `error_code` and `message` for known
 * errors, `is_panic` for crashes. After a panic the WebAssembly instance is unusable, so the process must end.
 * @param {unknown} error
 * @param {ErrorRegistry | undefined} errorRegistry
 */
function toRpcError(error, errorRegistry) {
  if (error instanceof RpcError) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    return new RpcError(
      ENGINE_ERROR_CODE,
      ENGINE_ERROR_MESSAGE,
      { is_panic: true, message: lastWasmPanicMessage() || error.message, backtrace: error.stack ?? null },
      { exitCode: PANIC_EXIT_CODE },
    );
  }
  // An exception thrown on the JavaScript side of the adapter reaches the engine as a number in a registry.
  const message = messageOf(error).replace(/External error id#(\d+)/g, (reference, id) => {
    const record = errorRegistry?.consumeError(Number(id));
    return record ? messageOf(record.error) : reference;
  });
  const { code, meta } = /** @type {{ code?: unknown, meta?: unknown }} */ (error);
  const data =
    typeof code === 'string' && PRISMA_ERROR_CODE.test(code)
      ? { is_panic: false, message, meta: meta ?? null, error_code: code }
      : { is_panic: false, message, backtrace: null };
  return new RpcError(ENGINE_ERROR_CODE, ENGINE_ERROR_MESSAGE, data);
}
