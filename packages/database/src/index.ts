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
export * from './generated/prisma/client.js';
export { deployMigrations } from './migrations.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { createPgAdapter, createPrismaClient, type DatabaseConnectionOptions } from './prisma-client.js';
