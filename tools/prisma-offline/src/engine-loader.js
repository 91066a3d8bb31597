import { readFileSync } from 'node:fs';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

/** @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} WasmSchemaEngine */

let lastPanicMessage = '';
let loaded = false;

/**
 * Instantiates the WebAssembly schema engine and returns its JavaScript bindings.
 *
 * The package's own entry point does `import * as wasm from './schema_engine_bg.wasm'`, which Node 20 only accepts
 * behind `--experimental-wasm-modules`; so we wire the module to its glue code by hand, as Prisma 6's CLI did.
 * @returns {typeof glue}
 */
export function loadSchemaEngineWasm() {
  if (loaded) return glue;
  // The engine reports the reason of a Rust panic here, right before trapping with a bare "unreachable".
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    /** @param {string} message */
    set_message(message) {
      lastPanicMessage = message;
    },
  };
  const wasmUrl = new URL(
    'schema_engine_bg.wasm',
    import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'),
  );
  const module = new WebAssembly.Module(readFileSync(wasmUrl));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  /** @type {{ __wbindgen_start(): void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
  loaded = true;
  return glue;
}

/** @returns {string} the message of the last Rust panic, if any */
export function lastWasmPanicMessage() {
  return lastPanicMessage;
}
