import committed from '../openapi.json' with { type: 'json' };
import { liveApiOrigin } from './support/live-api.js';

/**
 * The client's types are generated from the committed openapi.json at build time; this keeps that file the
 * document the API serves now, so a changed route or DTO cannot leave the client's types behind.
 */
describe('openapi.json', () => {
  it('is the document the API serves at /docs-json (if not: `pnpm --filter @biore/api-client openapi:export`, commit it)', async () => {
    const served = await (await fetch(`${liveApiOrigin()}/docs-json`)).json();
    expect(served).toEqual(committed);
  });
});
