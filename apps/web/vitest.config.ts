import { defineConfig } from 'vitest/config';

// The page keeps Vitest (the rest of the workspace runs Jest): Vite builds the page, and Vitest shares Vite.
export default defineConfig({
  test: {
    globals: true,
    include: ['test/**/*.spec.ts'],
    // One API and one page server for the run; the files share them (and the demo users' state) in turn.
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
