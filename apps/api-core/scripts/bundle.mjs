/**
 * Bundles the compiled server (dist/main.js and everything it imports) into one file, dist/server.mjs, which is
 * what runs in production, in the bench and in the tests that start the built server. Node 20 spends most of a
 * start in its ES module loader, resolving and reading ~1,400 files one by one (Nest, @nestjs/swagger's
 * es-toolkit, stripe's resources…); one file spares it that.
 */
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
  entryPoints: ['dist/main.js'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
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
  // CommonJS packages inside an ES module bundle still call require() (for Node's own modules and the externals).
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Licence comments go to server.mjs.LEGAL.txt: one of them names an author with a non-ASCII letter (see 'validator').
  legalComments: 'external',
  logLevel: 'warning',
});
