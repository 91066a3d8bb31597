import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoSeedRefusedError,
  deployMigrations,
  type EmbeddedDatabase,
  seedDemoData,
  startEmbeddedDatabase,
} from '../src/development.js';
import { createPrismaClient, type PrismaClient, verifyPassword } from '../src/index.js';

describe('embedded database, migrated by the Prisma CLI and seeded', () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'biore-pglite-'));
    database = await startEmbeddedDatabase({ dataDir });
    await deployMigrations(database.url);
    prisma = createPrismaClient({ url: database.url });
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('applies every migration, so the schema is usable through the pg driver adapter', async () => {
    const applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(applied.length).toBeGreaterThan(0);
    await expect(prisma.user.count()).resolves.toBe(0);
  });

  it('seeds the five demo users in their documented states, and seeding twice changes nothing', async () => {
    await seedDemoData(prisma, 'development');
    await seedDemoData(prisma, 'development');
    const users = await prisma.user.findMany({
      include: { creatorProfile: true },
      orderBy: { email: 'asc' },
    });
    expect(users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email).sort());
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      expect(user?.creatorProfile?.stripeAccountStatus ?? null).toBe(
        demo.creator?.stripeAccountStatus ?? null,
      );
      expect(user?.creatorProfile?.stripeAccountId ?? null).toBe(demo.creator?.stripeAccount?.id ?? null);
    }
    const active = users.find((u) => u.email === 'creator.active@demo.bio.re');
    await expect(verifyPassword(active?.passwordHash ?? '', DEMO_PASSWORD)).resolves.toBe(true);
    expect(active?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses to seed in production', async () => {
    await expect(seedDemoData(prisma, 'production')).rejects.toBeInstanceOf(DemoSeedRefusedError);
  });

  it('keeps its data across a restart of the embedded server', async () => {
    await prisma.$disconnect();
    await database.close();
    database = await startEmbeddedDatabase({ dataDir });
    prisma = createPrismaClient({ url: database.url });
    await expect(prisma.user.count()).resolves.toBe(DEMO_USERS.length);
  }, 30_000);
});
