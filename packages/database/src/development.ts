// What only development, tests and tooling use: the embedded database, migrations applied from code, demo data.
// A production server imports `@biore/database` alone (it migrates once with `prisma migrate deploy`).
export {
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoStripeAccount,
  type DemoUser,
  demoStripeAccounts,
} from './demo/demo-users.js';
export { DemoSeedRefusedError, seedDemoData } from './demo/seed-demo-data.js';
export {
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
  startEmbeddedDatabase,
} from './embedded-database.js';
export { deployMigrations } from './migrations.js';
