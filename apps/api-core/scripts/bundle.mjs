/**
 * Bundles the compiled server (dist/start-server.js and everything it imports) into one file, dist/server.cjs, and
 * writes V8's code cache for it; dist/server.mjs runs the two (src/server-bundle.mts) in production, in the bench and
 * in the tests that start the built server. Node 20 spends most of a start in its ES module loader, resolving and
 * reading ~1,400 files one by one (Nest, @nestjs/swagger's es-toolkit, stripe's resources…), and then in parsing
 * and compiling them; one file spares it the first, the code cache most of the second.
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

/** Loaded from node_modules at run time rather than bundled, each for a reason. */
const external = [
  // Workspace packages: @biore/database finds its migrations and the Prisma CLI next to itself, and loads native
  // argon2 and PGlite's WebAssembly; the emulator is imported only in its own mode.
  '@biore/database',
  '@biore/stripe-emulator',
  // Swagger UI's assets are served from its own folder, which it finds from its own location.
  'swagger-ui-dist',
  'swagger-ui-dist/*',
  // Its locale tables are regular expressions with non-ASCII letters, which esbuild cannot escape: one such character
  // makes V8 hold the whole bundle's source as a two-byte string, twice its size, for as long as the server runs.
  'validator',
  'validator/*',
  // Nest's factory falls back to the Express adapter when given none; this app always gives Fastify's, so Express
  // (a sixth of the bundle, with body-parser and iconv-lite) would only be read and held in memory.
  '@nestjs/platform-express',
  '@nestjs/platform-express/*',
  // Optional packages Nest and its adapters try to load only when a feature needs them; none is installed.
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  '@fastify/view',
  '@fastify/multipart',
  'class-transformer/storage',
];

await build({
  entryPoints: ['dist/start-server.js'],
  outfile: 'dist/server.cjs',
  bundle: true,
  platform: 'node',
  // CommonJS, because V8's code cache can be given only to a script (node:vm), not to an ES module.
  format: 'cjs',
  // import() becomes require(): a script compiled from cached data on Node 20 loses its dynamic-import callback
  // ("A dynamic import callback was not specified"), which the emulator's import in development needs.
  supported: { 'dynamic-import': false },
  target: 'node20',
  sourcemap: 'linked',
  // Without whitespace and with simpler syntax the file is a third smaller: Node reads, decodes and compiles less at
  // every start, and V8 keeps the source (for lazy compilation) in a third less memory. Identifiers are not
  // minified; `node --enable-source-maps` maps stack traces' positions back to the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  // No keepNames: it wraps every named function in esbuild's `__name`, so each closure made per request (Nest's,
  // passport's, pg's; esbuild renames many locals) would pay an Object.defineProperty (evanw/esbuild#2605;
  // bench/RESULTS.md). Classes keep their names without it (`var X = class`, named by the assignment);
  // test/operations/bundle.spec.ts checks that every class of ours does, since Nest and Swagger read them (schemas,
  // error names, logs).
  external,
  // Our ES modules locate files from import.meta.url, which a CommonJS script does not have.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Licence comments go to server.cjs.LEGAL.txt: one of them names an author with a non-ASCII letter (see 'validator').
  legalComments: 'external',
  logLevel: 'warning',
});

// In a process of its own, which inherits NODE_OPTIONS: V8 accepts the cache only under the flags it was made with.
execFileSync(process.execPath, ['dist/write-code-cache.mjs'], { stdio: 'inherit' });
