import type { StripeAccountStatus } from '../generated/prisma/client.js';

/** Password of every demo user (../shared/contract.md); the seed refuses to run in production. */
export const DEMO_PASSWORD = 'demo-password';

/** The Stripe-side facts of a demo creator's Express account, as the emulator is seeded with them. */
export interface DemoStripeAccount {
  id: string;
  details_submitted: boolean;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  requirements?: { disabled_reason: 'requirements.past_due'; currently_due: string[] };
}

export interface DemoUser {
  email: string;
  creator: { stripeAccountStatus: StripeAccountStatus; stripeAccount: DemoStripeAccount | null } | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'creator.active@demo.bio.re',
    creator: {
      stripeAccountStatus: 'ACTIVE',
      stripeAccount: {
        id: 'acct_1DemoActive00001',
        details_submitted: true,
        charges_enabled: true,
        payouts_enabled: true,
      },
    },
  },
  {
    email: 'creator.pending@demo.bio.re',
    creator: {
      stripeAccountStatus: 'PENDING',
      stripeAccount: {
        id: 'acct_1DemoPending0001',
        details_submitted: false,
        charges_enabled: false,
        payouts_enabled: false,
      },
    },
  },
  {
    email: 'creator.restricted@demo.bio.re',
    creator: {
      stripeAccountStatus: 'RESTRICTED',
      stripeAccount: {
        id: 'acct_1DemoRestricted1',
        details_submitted: true,
        charges_enabled: false,
        payouts_enabled: false,
        requirements: {
          disabled_reason: 'requirements.past_due',
          currently_due: ['individual.verification.document'],
        },
      },
    },
  },
  {
    email: 'creator.noaccount@demo.bio.re',
    creator: { stripeAccountStatus: 'PENDING', stripeAccount: null },
  },
  { email: 'fan@demo.bio.re', creator: null },
];

/** The accounts the Stripe emulator must know for the demo users to work end to end: all of them Express. */
export function demoStripeAccounts(): (DemoStripeAccount & { type: 'express' })[] {
  return DEMO_USERS.flatMap((user) =>
    user.creator?.stripeAccount ? [{ type: 'express' as const, ...user.creator.stripeAccount }] : [],
  );
}
