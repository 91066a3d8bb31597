module.exports = require('../../jest.base.cjs')({
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // `expect(value, 'which route')`: the label is printed when the assertion fails.
  setupFilesAfterEnv: ['jest-expect-message'],
  // Starting a server or a process, and the databases behind them, takes longer than a plain test.
  testTimeout: 60_000,
});
