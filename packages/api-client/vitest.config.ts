import { vitestConfig } from '../../vitest.base.js';

export default vitestConfig({
  // One API for the whole run, started from its build as `pnpm start` runs it; the files take turns with it.
  globalSetup: ['test/support/global-setup.ts'],
  fileParallelism: false,
});
