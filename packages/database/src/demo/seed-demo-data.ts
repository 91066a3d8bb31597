import type { PrismaClient } from '../generated/prisma/client.js';
import { hashPassword } from '../password-hash.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';

export class DemoSeedRefusedError extends Error {
  constructor() {
    super('Refusing to seed demo users: NODE_ENV is production.');
  }
}

/**
 * Creates the contract's demo users, or puts them back to their documented state; runs on every development start,
 * so it hashes the shared password once and only writes what differs.
 */
export async function seedDemoData(prisma: PrismaClient, environment: string | undefined): Promise<void> {
  if (environment === 'production') throw new DemoSeedRefusedError();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_USERS) {
    const user = await prisma.user.upsert({
      where: { email: demo.email },
      create: { email: demo.email, passwordHash },
      update: {},
    });
    if (!demo.creator) {
      await prisma.creatorProfile.deleteMany({ where: { userId: user.id } });
      continue;
    }
    const account = demo.creator.stripeAccount;
    const profile = {
      stripeAccountId: account?.id ?? null,
      stripeAccountStatus: demo.creator.stripeAccountStatus,
      stripeDetailsSubmitted: account?.details_submitted ?? false,
      stripeChargesEnabled: account?.charges_enabled ?? false,
      stripePayoutsEnabled: account?.payouts_enabled ?? false,
      stripeDisabledReason: account?.requirements?.disabled_reason ?? null,
      stripeRequirementsDue: account?.requirements?.currently_due ?? [],
    };
    await prisma.creatorProfile.upsert({
      where: { userId: user.id },
      create: { userId: user.id, ...profile },
      update: profile,
    });
  }
}
