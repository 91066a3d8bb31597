import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../../dist/server.mjs', import.meta.url));

describe('the production bundle (dist/server.mjs)', () => {
  it('is ASCII only: one other character and V8 holds its whole source as two bytes per character', () => {
    const source = readFileSync(BUNDLE);
    const at = source.findIndex((byte) => byte > 0x7f);
    expect(at === -1 ? null : source.subarray(at, at + 40).toString(), 'the first non-ASCII text').toBeNull();
  });
});
