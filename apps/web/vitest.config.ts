import { vitestConfig } from '../../vitest.base.js';

export default vitestConfig({
  include: ['test/**/*.spec.ts'],
  // One API and one page server for the run; the files share them (and the demo users' state) in turn.
  globalSetup: ['test/support/global-setup.ts'],
  fileParallelism: false,
  testTimeout: 60_000,
});
