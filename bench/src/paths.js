/** Where things are, from the repository root. */
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const apiDirectory = fileURLToPath(new URL('../../apps/api-core/', import.meta.url));
/** The production bundle, what the bench measures. */
export const apiEntry = fileURLToPath(new URL('../../apps/api-core/dist/server.mjs', import.meta.url));
/** The same build before bundling, module by module: what profiles run, so time is charged to its package. */
export const apiModulesEntry = fileURLToPath(new URL('../../apps/api-core/dist/main.js', import.meta.url));
export const apiThrottlerStorageSource = fileURLToPath(
  new URL('../../apps/api-core/src/platform/rate-limit/redis-throttler.storage.ts', import.meta.url),
);
export const apiTokenRevocationsSource = fileURLToPath(
  new URL('../../apps/api-core/src/features/auth/access-token-revocations.ts', import.meta.url),
);
export const baselineEntry = fileURLToPath(new URL('../baseline/server.js', import.meta.url));
export const emulatorEntry = fileURLToPath(
  new URL('../../tools/stripe-emulator/bin/stripe-emulator.js', import.meta.url),
);
export const resultsDirectory = fileURLToPath(new URL('../results/', import.meta.url));
