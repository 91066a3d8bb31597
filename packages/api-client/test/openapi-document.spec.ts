import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';

const baseUrl = inject('apiOrigin');

/**
 * The client's types are generated from the committed openapi.json at build time; this keeps that file the
 * document the API serves now, so a changed route or DTO cannot leave the client's types behind.
 */
describe('openapi.json', () => {
  it('is the document the API serves at /docs-json', async () => {
    const committed = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8'));
    const served = await (await fetch(`${baseUrl}/docs-json`)).json();
    expect(
      served,
      'openapi.json differs from the API: run `pnpm --filter @biore/api-client openapi:export` and commit it',
    ).toEqual(committed);
  });
});
