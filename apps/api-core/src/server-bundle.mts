/**
 * Runs the production bundle (dist/server.cjs, made by scripts/bundle.mjs) with V8's code cache beside it
 * (dist/server.cjs.codecache), so a start reuses the bytecode compiled at build time instead of parsing and compiling
 * Nest, Stripe and the rest again. The bundle is CommonJS because only a script compiled through node:vm can be
 * given cached data; V8 checks the cache against the source and its own version and flags, and compiles from source
 * when it does not match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('./server.cjs', import.meta.url));
const CODE_CACHE = `${BUNDLE}.codecache`;
const CODE_CACHE_WRITER = fileURLToPath(new URL('./write-code-cache.mjs', import.meta.url));

type StartServer = () => Promise<void>;

/** How a start used the code cache. */
export type CodeCacheUse = 'accepted' | 'rejected' | 'missing' | 'left aside for source maps';

export interface LoadedServer {
  startServer: StartServer;
  codeCache: CodeCacheUse;
}

function startServerOf(bundleExports: { startServer?: unknown }): StartServer {
  const { startServer } = bundleExports;
  if (typeof startServer !== 'function') throw new Error(`${BUNDLE} does not export startServer`);
  return startServer as StartServer;
}

function compileBundle(cachedData: Buffer | undefined): { script: vm.Script; startServer: StartServer } {
  // The bundle is ASCII (test/operations/bundle.spec.ts), so latin1 decodes it without a UTF-8 pass.
  const source = readFileSync(BUNDLE, 'latin1');
  // The wrapper Node's own CommonJS loader puts around a module, called as it calls it: the bundle sees the same
  // five names, and `this` is module.exports.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { script, startServer: startServerOf(module.exports) };
}

function readCodeCache(): Buffer | undefined {
  try {
    return readFileSync(CODE_CACHE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The server's start, from the bundle and its code cache; without a matching cache it only starts slower. */
export function loadServer(): LoadedServer {
  // Node maps stack traces to the sources only for code its own loader compiled, which takes no code cache: under
  // --enable-source-maps the bundle is required as any module is.
  if (process.sourceMapsEnabled)
    return {
      startServer: startServerOf(createRequire(import.meta.url)(BUNDLE)),
      codeCache: 'left aside for source maps',
    };
  const cachedData = readCodeCache();
  const { script, startServer } = compileBundle(cachedData);
  if (!cachedData) return { startServer, codeCache: 'missing' };
  if (!script.cachedDataRejected) return { startServer, codeCache: 'accepted' };
  // Heap limits (--max-old-space-size…) are among the flags V8 compares.
  console.warn(
    `${CODE_CACHE} was made by another Node version or with other V8 flags, so this start compiles the code ` +
      `again; \`node <the same flags> ${CODE_CACHE_WRITER}\` makes one for them.`,
  );
  return { startServer, codeCache: 'rejected' };
}

/**
 * Writes the code cache at build time, after the bundle's modules have run (without starting the server): the
 * functions compiled by then are in it too.
 */
export function writeCodeCache(): void {
  writeFileSync(CODE_CACHE, compileBundle(undefined).script.createCachedData());
}
