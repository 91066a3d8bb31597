import { vitestConfig } from '../../vitest.base.js';

export default vitestConfig({
  globalSetup: ['test/support/global-setup.ts'],
  // The e2e files share one database and start servers: one file at a time keeps timings and limits honest.
  fileParallelism: false,
});
