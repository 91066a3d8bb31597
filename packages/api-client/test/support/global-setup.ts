import { launchApi } from '@biore/api-launcher';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the API the tests call, e.g. http://127.0.0.1:40123 */
    apiOrigin: string;
  }
}

/** The real API, demo users seeded, on the run's database (CI) or an embedded one. */
export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const api = await launchApi();
  project.provide('apiOrigin', api.origin);
  return () => api.stop();
}
