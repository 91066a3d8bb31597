import type { StripeEmulator } from '@biore/stripe-emulator';
import Stripe from 'stripe';
import { AccountStatusService } from '../../src/features/stripe-connect/account-status.service.js';
import { StripeWebhookService } from '../../src/features/stripe-connect/webhooks/stripe-webhook.service.js';
import { onboardedCreator } from '../support/connect.js';
import { startTestApiWithStripe, type TestApi, type TestApiWithStripe } from '../support/test-api.js';

/**
 * The two seams the reconciliation builds on, called as it calls them: an event read back from Stripe's
 * `GET /v1/events` (no webhook delivered it), and one account re-read.
 */
describe('Connect seams', () => {
  let api: TestApi;
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe();
    ({ api, stripe: emulator } = started);
    stripe = new Stripe(emulator.secretKey, { ...emulator.stripeClientOptions, maxNetworkRetries: 0 });
  });
  afterAll(() => started?.close());

  it('StripeWebhookService.handleEvent applies an event listed by Stripe once, then knows it', async () => {
    const creator = await onboardedCreator(api, emulator);
    const [missed] = emulator.accounts
      .setState(creator.stripeAccountId, 'past_due')
      .filter((event) => event.type === 'account.updated');
    const listed = await stripe.events.list(
      { type: 'account.updated', limit: 1 },
      { stripeAccount: creator.stripeAccountId },
    );
    expect(listed.data[0]?.id).toBe(missed?.id);
    const event = listed.data[0] as Stripe.Event;

    const webhooks = api.app.get(StripeWebhookService);
    await expect(webhooks.handleEvent(event)).resolves.toBe('APPLIED');
    await expect(webhooks.handleEvent(event)).resolves.toBe('DUPLICATE');
    const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
    expect(stored.stripeAccountStatus).toBe('RESTRICTED');
    await expect(
      api.prisma.stripeWebhookEvent.findUnique({ where: { id: event.id } }),
    ).resolves.toMatchObject({
      outcome: 'APPLIED',
      accountId: creator.stripeAccountId,
    });
  });

  it('AccountStatusService.refreshFromStripe stores a read, and leaves a profile that no longer holds the account', async () => {
    const creator = await onboardedCreator(api, emulator);
    emulator.accounts.setState(creator.stripeAccountId, 'under_review');
    const accounts = api.app.get(AccountStatusService);
    await expect(accounts.refreshFromStripe(creator.creatorProfileId, creator.stripeAccountId)).resolves.toBe(
      true,
    );
    const stored = await api.prisma.creatorProfile.findUniqueOrThrow({
      where: { id: creator.creatorProfileId },
    });
    expect([stored.stripeAccountStatus, stored.stripeDisabledReason]).toEqual(['RESTRICTED', 'under_review']);

    const other = await onboardedCreator(api, emulator);
    await expect(accounts.refreshFromStripe(other.creatorProfileId, creator.stripeAccountId)).resolves.toBe(
      false,
    );
  });
});
