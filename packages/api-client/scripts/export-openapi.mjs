// Writes the OpenAPI document the built API serves at /docs-json to openapi.json, the source of the generated
// types. Run `pnpm --filter @biore/api-client openapi:export` after changing a route or DTO; the package's tests
// fail while the committed document differs from what the API serves.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { launchApi } from '@biore/api-launcher';

const documentFile = new URL('../openapi.json', import.meta.url);

const api = await launchApi({ env: { STRIPE_EMULATOR: 'off' } });
try {
  const response = await fetch(`${api.origin}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  await writeFile(documentFile, `${JSON.stringify(await response.json(), null, 2)}\n`);
} finally {
  await api.stop();
}
// Committed as the formatter keeps it, so `biome check` stays clean.
execFileSync('biome', ['format', '--write', documentFile.pathname], { stdio: 'inherit' });
console.log(`Wrote ${documentFile.pathname}`);
