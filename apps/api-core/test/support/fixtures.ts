import { randomUUID } from 'node:crypto';
import { hashPassword, type PrismaClient, type StripeAccountStatus } from '@biore/database';
import type { StripeEmulator } from '@biore/stripe-emulator';
import jwt from 'jsonwebtoken';
import { TEST_JWT } from './test-api.js';

export const FIXTURE_PASSWORD = 'fixture-password';
const passwordHash = hashPassword(FIXTURE_PASSWORD);

export interface UserFixture {
  id: string;
  email: string;
}

/** A user with a unique email, optionally a creator in a given Stripe state; written through the real database. */
export async function createUser(
  prisma: PrismaClient,
  creator?: { stripeAccountId: string | null; stripeAccountStatus: StripeAccountStatus },
): Promise<UserFixture> {
  const email = `user-${randomUUID()}@test.bio.re`;
  return prisma.user.create({
    data: {
      email,
      passwordHash: await passwordHash,
      ...(creator && { creatorProfile: { create: creator } }),
    },
    select: { id: true, email: true },
  });
}

/** An access token as login would issue it, minted directly so tests do not spend the per-address login limit. */
export function accessTokenFor(
  userId: string,
  overrides: jwt.SignOptions & { secret?: string } = {},
): string {
  const { secret = TEST_JWT.secret, ...options } = overrides;
  return jwt.sign({}, secret, {
    algorithm: 'HS256',
    subject: userId,
    issuer: TEST_JWT.issuer,
    audience: TEST_JWT.audience,
    expiresIn: 600,
    ...options,
  });
}

export function uniqueAccountId(): string {
  return `acct_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** An ACTIVE creator whose Express account the emulator knows as fully onboarded, with a token to call as them. */
export async function createActiveCreator(prisma: PrismaClient, stripe: StripeEmulator) {
  const stripeAccountId = uniqueAccountId();
  stripe.accounts.seed({
    id: stripeAccountId,
    type: 'express',
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  });
  const user = await createUser(prisma, { stripeAccountId, stripeAccountStatus: 'ACTIVE' });
  return { ...user, stripeAccountId, token: accessTokenFor(user.id) };
}
