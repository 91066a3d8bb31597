import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';

const BUNDLE = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));
const CODE_CACHE = `${BUNDLE}.codecache`;
const BUNDLE_LOADER = fileURLToPath(new URL('../../dist/server-bundle.mjs', import.meta.url));
const MISMATCH_WARNING = /server\.cjs\.codecache was made by another Node version or with other V8 flags/;

/** The built server (`node dist/server.mjs`) starts from the code cache the build wrote for it. */
describe('the code cache of the bundle', () => {
  let api: ApiProcess | undefined;

  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  it('is written by the build and accepted by V8 when the server runs as built', async () => {
    expect(statSync(CODE_CACHE).size).toBeGreaterThan(1_000_000);
    api = await startApiProcess();
    expect(api.output()).not.toMatch(MISMATCH_WARNING);
  });

  it('under other V8 flags, is refused by V8: the server starts anyway and says how to make a matching one', async () => {
    api = await startApiProcess({ NODE_OPTIONS: '--max-old-space-size=200' });
    expect(api.output()).toMatch(MISMATCH_WARNING);
    expect(api.output()).toMatch(/`node <the same flags> .*write-code-cache\.mjs` makes one for them/);
  });

  it('is left aside under --enable-source-maps, so that stack traces name the sources', () => {
    // Loads the bundle as the server does (without starting it), then asks Node for the map it applies to its frames.
    const script = `
      const { loadServer } = await import(${JSON.stringify(BUNDLE_LOADER)});
      loadServer();
      const { findSourceMap } = await import('node:module');
      const sources = findSourceMap(${JSON.stringify(BUNDLE)})?.payload.sources ?? [];
      console.log(sources.find((source) => source.endsWith('/start-server.ts')) ?? 'no source map');`;
    const withMaps = (flags: string[]) =>
      execFileSync(process.execPath, [...flags, '--input-type=module', '--eval', script], {
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      }).trim();
    expect(withMaps(['--enable-source-maps'])).toMatch(/src\/start-server\.ts$/);
    expect(withMaps([])).toBe('no source map');
  });
});
