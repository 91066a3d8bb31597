import type { StripeEmulator } from '@biore/stripe-emulator';
import Stripe from 'stripe';
import { AccountStatusService } from '../../src/features/stripe-connect/account-status.service.js';
import { DashboardLinkService } from '../../src/features/stripe-connect/dashboard-link.service.js';
import { OnboardingService } from '../../src/features/stripe-connect/onboarding.service.js';
import {
  NotCreatorError,
  StripeAccountAlreadyActiveError,
  StripeAccountNotActiveError,
  StripeAccountNotFoundError,
} from '../../src/features/stripe-connect/stripe-connect.errors.js';
import { createActiveCreator, createUser, uniqueAccountId } from '../support/fixtures.js';
import { startTestApiWithStripe, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

/** The feature's services called directly, in the real app's container, on the real database and emulator. */
describe('Stripe Connect services', () => {
  let api: TestApi;
  let stripe: StripeEmulator;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe();
    ({ api, stripe } = started);
  });
  afterAll(() => started?.close());

  describe('DashboardLinkService.createFor', () => {
    const createFor = (userId: string) => api.app.get(DashboardLinkService).createFor(userId);

    it('gives an ACTIVE creator a login link the emulator serves for their account', async () => {
      const creator = await createActiveCreator(api.prisma, stripe);
      const { url } = await createFor(creator.id);
      expect(url).toContain(`/express/${creator.stripeAccountId}/`);
      expect(stripe.requests.list().at(-1)).toMatchObject({
        method: 'POST',
        path: `/v1/accounts/${creator.stripeAccountId}/login_links`,
      });
    });

    it.each(['PENDING', 'RESTRICTED', 'DISABLED'] as const)(
      'refuses a %s creator with not_active naming the status, without calling Stripe',
      async (status) => {
        const user = await createUser(api.prisma, {
          stripeAccountId: uniqueAccountId(),
          stripeAccountStatus: status,
        });
        stripe.requests.clear();
        const refusal = createFor(user.id);
        await expect(refusal).rejects.toBeInstanceOf(StripeAccountNotActiveError);
        await expect(refusal).rejects.toMatchObject({ i18nVars: { status } });
        expect(stripe.requests.list()).toEqual([]);
      },
    );

    // A deleted user's token is refused by the JWT strategy before any service runs (login.e2e-spec.ts sweeps every
    // bearer route for it): here, as for anyone without a profile, no profile means not a creator.
    it('tells a creator without an account from a user without a profile', async () => {
      const noAccount = await createUser(api.prisma, {
        stripeAccountId: null,
        stripeAccountStatus: 'PENDING',
      });
      const fan = await createUser(api.prisma);
      await expect(createFor(noAccount.id)).rejects.toBeInstanceOf(StripeAccountNotFoundError);
      await expect(createFor(fan.id)).rejects.toBeInstanceOf(NotCreatorError);
    });

    it("lets Stripe's own failure through untranslated (the exception filter translates it)", async () => {
      const creator = await createActiveCreator(api.prisma, stripe);
      stripe.faults.inject({ path: '/v1/accounts/*/login_links', kind: 'status', status: 500, times: 1 });
      await expect(createFor(creator.id)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    });
  });

  describe('AccountStatusService.refreshFromStripe', () => {
    it("stores Stripe's read and the status derived from it", async () => {
      const stripeAccountId = uniqueAccountId();
      stripe.accounts.seed({
        id: stripeAccountId,
        type: 'express',
        details_submitted: true,
        charges_enabled: true,
        payouts_enabled: false,
      });
      const user = await createUser(api.prisma, { stripeAccountId, stripeAccountStatus: 'PENDING' });
      const profile = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: user.id } });
      await expect(
        api.app.get(AccountStatusService).refreshFromStripe(profile.id, stripeAccountId),
      ).resolves.toBe(true);
      const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { id: profile.id } });
      expect(stored).toMatchObject({
        stripeAccountStatus: 'RESTRICTED',
        stripeDetailsSubmitted: true,
        stripeChargesEnabled: true,
        stripePayoutsEnabled: false,
      });
      expect(stored.stripeSyncedAt).toBeInstanceOf(Date);
    });

    it('never replaces a snapshot with an older read', async () => {
      const creator = await createActiveCreator(api.prisma, stripe);
      const profile = await api.prisma.creatorProfile.update({
        where: { userId: creator.id },
        data: { stripeStateAt: new Date(Date.now() + 60_000) },
      });
      await expect(
        api.app.get(AccountStatusService).refreshFromStripe(profile.id, creator.stripeAccountId),
      ).resolves.toBe(false);
    });
  });

  describe('OnboardingService.createLink', () => {
    it('creates one Express account however many calls race, and links to it', async () => {
      const user = await createUser(api.prisma, { stripeAccountId: null, stripeAccountStatus: 'PENDING' });
      const links = await Promise.all(
        Array.from({ length: 5 }, () => api.app.get(OnboardingService).createLink(user.id)),
      );
      const { stripeAccountId } = await api.prisma.creatorProfile.findUniqueOrThrow({
        where: { userId: user.id },
      });
      expect(stripeAccountId).toMatch(/^acct_/);
      for (const link of links) expect(link.url).toContain(stripeAccountId);
    });

    it('sends an ACTIVE creator to the dashboard instead', async () => {
      const creator = await createActiveCreator(api.prisma, stripe);
      await expect(api.app.get(OnboardingService).createLink(creator.id)).rejects.toBeInstanceOf(
        StripeAccountAlreadyActiveError,
      );
    });
  });
});
