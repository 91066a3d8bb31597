import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';

const CODE_CACHE = fileURLToPath(new URL('../../dist/server.cjs.codecache', import.meta.url));
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
});
