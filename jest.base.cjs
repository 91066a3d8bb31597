// Shared Jest setup for the workspace's TypeScript packages (the Vite page keeps Vitest, which shares Vite's build).
// Nest 12 and a few of its companions ship ESM only, and CommonJS companions (@nestjs/throttler, @nestjs/passport)
// `require()` them: Jest's CommonJS runtime can only do that for code it compiled itself, so SWC compiles the
// sources and every dependency to CommonJS (with the decorator metadata Nest's dependency injection reads).
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];

/** @param {import('jest').Config} overrides */
module.exports = function jestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: { '^.+\\.(t|m?j)s$': swc },
    // Nothing is left untransformed: ESM-only packages sit anywhere in pnpm's tree, and the cache makes it one-off.
    transformIgnorePatterns: [],
    // Sources import with `.js` specifiers (Node ESM); Jest resolves the `.ts` files behind them.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testTimeout: 30_000,
    ...overrides,
  };
};
