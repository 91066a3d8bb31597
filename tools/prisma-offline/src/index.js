import { fileURLToPath } from 'node:url';

/** Absolute path of the stand-in engine, the value for `PRISMA_SCHEMA_ENGINE_BINARY`. */
export const schemaEngineBinaryPath = fileURLToPath(new URL('../bin/schema-engine.js', import.meta.url));
