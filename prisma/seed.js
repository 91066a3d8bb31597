// `prisma db seed`: the contract's demo users against DATABASE_URL. The logic lives in @biore/database.
import { createPrismaClient } from '@biore/database';
import { seedDemoData } from '@biore/database/development';

const prisma = createPrismaClient({ url: process.env.DATABASE_URL ?? '' });
try {
  await seedDemoData(prisma, process.env.NODE_ENV);
  console.log('Demo users seeded (password: demo-password).');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
