/**
 * Runs the production bundle (dist/server.cjs, made by scripts/bundle.mjs) with V8's code cache beside it
 * (dist/server.cjs.codecache), so a start reuses the bytecode compiled at build time instead of parsing and compiling
 * Nest, Stripe and the rest again. The bundle is CommonJS because only a script compiled through node:vm can be
 * given cached data; V8 checks the cache against the source and its own version and flags, and compiles from source
 * when it does not match.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('./server.cjs', import.meta.url));
const CODE_CACHE = `${BUNDLE}.codecache`;

type StartServer = () => Promise<void>;

interface LoadedBundle {
  startServer: StartServer;
  script: vm.Script;
  codeCacheRejected: boolean;
}

function loadBundle(cachedData: Buffer | undefined): LoadedBundle {
  // The bundle is ASCII (test/operations/bundle.spec.ts), so latin1 decodes it without a UTF-8 pass.
  const source = readFileSync(BUNDLE, 'latin1');
  // The wrapper Node's own CommonJS loader puts around a module, called as it calls it: the bundle sees the same
  // five names, and `this` is module.exports.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as { startServer?: StartServer } };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  const { startServer } = module.exports;
  if (typeof startServer !== 'function') throw new Error(`${BUNDLE} does not export startServer`);
  return {
    startServer,
    script,
    codeCacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
  };
}

/** The server's start, from the bundle and its code cache; without a matching cache it only starts slower. */
export function loadServer(): StartServer {
  // Node maps stack traces to the sources only for code its own loader compiled, which takes no code cache: under
  // --enable-source-maps the bundle is required as any module is.
  if (process.sourceMapsEnabled) return (createRequire(import.meta.url)(BUNDLE) as LoadedBundle).startServer;
  const { startServer, codeCacheRejected } = loadBundle(
    existsSync(CODE_CACHE) ? readFileSync(CODE_CACHE) : undefined,
  );
  if (codeCacheRejected) {
    // Heap limits (--max-old-space-size…) are among the flags V8 compares.
    console.warn(
      `${CODE_CACHE} was made by another Node version or with other V8 flags, so this start compiles the code ` +
        `again; \`node <the same flags> ${path.join(path.dirname(BUNDLE), 'write-code-cache.mjs')}\` makes one for them.`,
    );
  }
  return startServer;
}

/**
 * Writes the code cache at build time, after the bundle's modules have run (without starting the server): the
 * functions compiled by then are in it too.
 */
export function writeCodeCache(): void {
  writeFileSync(CODE_CACHE, loadBundle(undefined).script.createCachedData());
}
