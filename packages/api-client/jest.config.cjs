const jestConfig = require('../../jest.base.cjs');

// The React entry has a .tsx file, which the shared transform leaves alone: the same SWC options, parsing JSX and
// compiling it for React's automatic runtime (tsconfig's `jsx: react-jsx`).
const sharedTransform = jestConfig().transform;
const [[transformer, swc]] = Object.values(sharedTransform);
const swcWithJsx = {
  ...swc,
  jsc: {
    ...swc.jsc,
    parser: { ...swc.jsc.parser, tsx: true },
    transform: { ...swc.jsc.transform, react: { runtime: 'automatic' } },
  },
};

module.exports = jestConfig({
  transform: { ...sharedTransform, '^.+\\.tsx$': [transformer, swcWithJsx] },
  // One API for the whole run, started from its build as `pnpm start` runs it; the files take turns with it.
  globalSetup: '<rootDir>/test/support/live-api.ts',
  globalTeardown: '<rootDir>/test/support/stop-live-api.ts',
  maxWorkers: 1,
});
