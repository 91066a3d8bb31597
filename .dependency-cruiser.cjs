// The API's import direction: the platform (config, errors, HTTP edge, logging, database, Redis, rate limiting)
// never imports a feature; a feature never imports another (auth's decorators excepted) nor the development
// module; only the bootstrap loads the development module. `pnpm lint` runs it.
// Anchored on `src/` so the fixtures of test/architecture.spec.ts are judged by the same rules.
const SRC = '(?:^|/)api-core/(?:test/fixtures/architecture/)?src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-feature',
      comment:
        'The platform is the bottom layer: features and the app compose it, never the other way round.',
      severity: 'error',
      from: { path: `${SRC}platform/` },
      to: { path: `${SRC}(features|development)/|${SRC}(app\\.module|bootstrap|main)\\.ts$` },
    },
    {
      name: 'feature-imports-no-other-feature',
      comment: 'A feature owns its vocabulary; only auth (who is calling) is shared, through its decorators.',
      severity: 'error',
      from: { path: `${SRC}features/([^/]+)/` },
      to: {
        path: `${SRC}features/`,
        pathNot: [`${SRC}features/$1/`, `${SRC}features/auth/auth\\.(decorators|errors)\\.ts$`],
      },
    },
    {
      name: 'development-stays-out-of-production-code',
      comment: 'The embedded database, the emulator and the demo data are loaded by the bootstrap alone.',
      severity: 'error',
      from: { path: SRC, pathNot: `${SRC}(bootstrap\\.ts$|development/)` },
      to: { path: `${SRC}development/|^tools/|@biore/stripe-emulator|@biore/database/development` },
    },
    {
      name: 'sources-import-no-tests',
      severity: 'error',
      from: { path: SRC },
      to: { path: '^apps/api-core/test/(?!fixtures/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
