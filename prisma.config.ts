import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine from a host many machines cannot reach; our stand-in serves the
// same protocol from the published WebAssembly engine. An explicitly exported real binary still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  import.meta.dirname,
  'tools/prisma-offline/bin/schema-engine.js',
);

// Nor should any command phone Prisma's update-check host (unreachable here, and not our business in CI).
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'node prisma/seed.js',
  },
  datasource: {
    // `generate` needs no database; commands that do fail with Prisma's own message when this is empty.
    url: process.env.DATABASE_URL ?? '',
  },
});
