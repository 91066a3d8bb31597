import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));
const SOURCES = fileURLToPath(new URL('../../src', import.meta.url));

/** The classes the app's own sources declare (specs aside). */
function ownClassNames(): string[] {
  return readdirSync(SOURCES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .flatMap((file) => [
      ...readFileSync(path.join(SOURCES, file), 'utf8').matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm),
    ])
    .map((match) => match[1] as string);
}

describe('the production bundle (dist/server.cjs)', () => {
  const bundle = readFileSync(BUNDLE, 'utf8');

  it('is ASCII only: one other character and V8 holds its whole source as two bytes per character', () => {
    const source = readFileSync(BUNDLE);
    const at = source.findIndex((byte) => byte > 0x7f);
    expect(at === -1 ? null : source.subarray(at, at + 40).toString(), 'the first non-ASCII text').toBeNull();
  });

  it('keeps the name of every class of ours that it holds (Nest and Swagger read them: schemas, errors, logs)', () => {
    const classes = ownClassNames();
    expect(classes.length).toBeGreaterThan(50);
    const renamed = classes.filter((name) => {
      if (!new RegExp(`\\b${name}\\d*\\b`).test(bundle)) return false; // not in the bundle (development only)
      // Named by its declaration, or by the one assignment of an anonymous class; not renamed (`${name}2`, or
      // `${name}=class _${name}`, which names the class `_${name}`) and not named by a second assignment
      // (`${name}=${name}_1=class`).
      return !new RegExp(
        `(\\bclass ${name}[\\s{]|(^|[;,{}(]|\\bvar )${name}=class(\\{|\\s+extends\\b))`,
        'm',
      ).test(bundle);
    });
    expect(renamed).toEqual([]);
  });

  it("wraps no function in esbuild's __name (keepNames): a defineProperty for every closure made, per request", () => {
    expect(bundle).not.toMatch(/\b__name\(/);
  });
});
