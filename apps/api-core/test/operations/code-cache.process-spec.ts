import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';

const BUNDLE = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));
const CODE_CACHE = `${BUNDLE}.codecache`;
const BUNDLE_LOADER = fileURLToPath(new URL('../../dist/server-bundle.mjs', import.meta.url));
const MISMATCH_WARNING = /server\.cjs\.codecache was made by another Node version or with other V8 flags/;

/**
 * Loads the bundle as `node dist/server.mjs` does, without starting the server, in a Node process of its own run
 * with `flags`; returns what `report` (an expression over `loaded`, what loadServer returned, and `findSourceMap`)
 * prints.
 */
function loadBundleInNode(flags: string[], report: string): string {
  const script = `
    const { loadServer } = await import(${JSON.stringify(BUNDLE_LOADER)});
    const loaded = loadServer();
    const { findSourceMap } = await import('node:module');
    console.log(${report});`;
  return execFileSync(process.execPath, [...flags, '--input-type=module', '--eval', script], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

/**
 * How a start used the code cache, then the map Node applies to the bundle's frames if it holds one, named by one of
 * the sources it maps to.
 */
const CACHE_USE_AND_MAPPED_SOURCE = `loaded.codeCache + ' ' + ((findSourceMap(${JSON.stringify(BUNDLE)})?.payload.sources ?? [])
  .find((source) => source.endsWith('/start-server.ts')) ?? 'no source map')`;

/** The built server (`node dist/server.mjs`) starts from the code cache the build wrote for it. */
describe('the code cache of the bundle', () => {
  let api: ApiProcess | undefined;

  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  it('is written by the build and accepted by V8 when the server runs as built (its frames then unmapped)', async () => {
    expect(statSync(CODE_CACHE).size).toBeGreaterThan(1_000_000);
    expect(loadBundleInNode([], CACHE_USE_AND_MAPPED_SOURCE)).toBe('accepted no source map');
    api = await startApiProcess();
    expect(api.output()).not.toMatch(MISMATCH_WARNING);
  });

  it('under other V8 flags, is refused by V8: the server starts anyway and says how to make a matching one', async () => {
    expect(loadBundleInNode(['--max-old-space-size=200'], 'loaded.codeCache')).toBe('rejected');
    api = await startApiProcess({ NODE_OPTIONS: '--max-old-space-size=200' });
    expect(api.output()).toMatch(MISMATCH_WARNING);
    expect(api.output()).toMatch(/`node <the same flags> .*write-code-cache\.mjs` makes one for them/);
  });

  it('is left aside under --enable-source-maps, so that stack traces name the sources', () => {
    expect(loadBundleInNode(['--enable-source-maps'], CACHE_USE_AND_MAPPED_SOURCE)).toMatch(
      /^left aside for source maps .*src\/start-server\.ts$/,
    );
  });
});
