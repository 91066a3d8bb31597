import type { AccountState, AccountStateOptions, StripeEmulator } from '@biore/stripe-emulator';
import { ReconciliationService } from '../../src/features/stripe-connect/reconciliation/reconciliation.service.js';
import { CONNECT, callApi, newCreator, onboardedCreator, startConnectTestApi } from '../support/connect.js';
import { readEnvelope } from '../support/http.js';
import type { TestApi, TestApiWithStripe } from '../support/test-api.js';

const DAY = 86_400;

/**
 * Every state of issue 13's point 2, each driven on the emulator and carried to the API by Stripe's webhook alone,
 * and again by the reconciliation alone (webhooks held back): the stored snapshot, GET status and the dashboard
 * link's answer, as the README's table says.
 */
describe('Connect states: Stripe → webhook → snapshot, status, next action, dashboard link', () => {
  let stripe: StripeEmulator;
  let api: TestApi;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startConnectTestApi();
    ({ api, stripe } = started);
  });

  afterAll(() => started?.close());

  async function statusOf(token: string) {
    const response = await callApi(api, 'GET', `${CONNECT}/status`, token);
    expect(response.status).toBe(200);
    return (await readEnvelope(response)).data;
  }

  async function dashboardLinkOf(token: string) {
    const response = await callApi(api, 'POST', `${CONNECT}/dashboard-link`, token);
    const body = await readEnvelope(response);
    return {
      status: response.status,
      code: body.error?.code,
      i18nVars: body.error?.i18nVars,
      url: body.data?.url,
    };
  }

  /** The dashboard link's answer the seed's gate gives a creator in `status`. */
  function expectGate(
    answer: Awaited<ReturnType<typeof dashboardLinkOf>>,
    status: string,
    stripeAccountId: string,
  ) {
    if (status === 'ACTIVE')
      expect(answer).toMatchObject({ status: 200, url: expect.stringContaining(stripeAccountId) });
    else
      expect(answer).toMatchObject({ status: 400, code: 'creator.stripe.not_active', i18nVars: { status } });
  }

  /** Puts the creator's account into `state` on Stripe's side and lets the webhook bring it over. */
  async function driveInto(stripeAccountId: string, state: AccountState, options: AccountStateOptions = {}) {
    const events = stripe.accounts.setState(stripeAccountId, state, options);
    expect(events.map((event) => event.type)).toContain('account.updated');
    await stripe.webhooks.idle();
    const recorded = await api.prisma.stripeWebhookEvent.findMany({
      where: { id: { in: events.map((event) => event.id) }, type: 'account.updated' },
    });
    expect(recorded.map((event) => event.outcome)).toEqual(['APPLIED']);
  }

  /**
   * Puts the creator's account into `state` while Stripe's webhooks do not get through, and lets the reconciliation
   * bring it over: its re-read of the account and its replay of the account's events from `GET /v1/events`.
   */
  async function reconcileInto(
    creator: { id: string; stripeAccountId: string },
    state: AccountState,
    options: AccountStateOptions = {},
  ) {
    stripe.webhooks.pause();
    try {
      const events = stripe.accounts.setState(creator.stripeAccountId, state, options);
      const profile = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      const since = new Date(Date.now() - 60_000);
      await api.app
        .get(ReconciliationService)
        .reconcileAccount(
          { id: profile.id, userId: creator.id, stripeAccountId: creator.stripeAccountId },
          since,
        );
      const recorded = await api.prisma.stripeWebhookEvent.findMany({
        where: { id: { in: events.map((event) => event.id) } },
      });
      expect(recorded).toHaveLength(events.length);
    } finally {
      stripe.webhooks.resume();
      await stripe.webhooks.idle();
    }
  }

  const document = ['individual.verification.document'];

  describe.each(['webhook', 'reconciliation'] as const)('carried by the %s', (carrier) => {
    it.each<[AccountState, string, string, Record<string, unknown>]>([
      [
        'onboarding',
        'PENDING',
        'provide_information',
        {
          stripeDetailsSubmitted: false,
          stripeDisabledReason: 'requirements.past_due',
          stripeCapabilities: { transfers: 'inactive' },
        },
      ],
      [
        'past_due',
        'RESTRICTED',
        'provide_information',
        {
          stripePastDue: document,
          stripeCurrentlyDue: document,
          stripeDisabledReason: 'requirements.past_due',
        },
      ],
      [
        'pending_verification',
        'RESTRICTED',
        'wait_for_review',
        { stripePendingVerification: document, stripeCapabilities: { transfers: 'pending' } },
      ],
      ['under_review', 'RESTRICTED', 'wait_for_review', { stripeDisabledReason: 'under_review' }],
      ['listed', 'DISABLED', 'contact_support', { stripeDisabledReason: 'listed' }],
      ['platform_paused', 'DISABLED', 'contact_support', { stripeDisabledReason: 'platform_paused' }],
      ['rejected.fraud', 'DISABLED', 'contact_support', { stripeDisabledReason: 'rejected.fraud' }],
      [
        'rejected.terms_of_service',
        'DISABLED',
        'contact_support',
        { stripeDisabledReason: 'rejected.terms_of_service' },
      ],
      ['rejected.listed', 'DISABLED', 'contact_support', { stripeDisabledReason: 'rejected.listed' }],
      [
        'rejected.incomplete_verification',
        'DISABLED',
        'contact_support',
        { stripeDisabledReason: 'rejected.incomplete_verification' },
      ],
      ['rejected.other', 'DISABLED', 'contact_support', { stripeDisabledReason: 'rejected.other' }],
      [
        'rejected.platform_fraud',
        'DISABLED',
        'contact_support',
        { stripeDisabledReason: 'rejected.platform_fraud' },
      ],
      [
        'rejected.platform_terms_of_service',
        'DISABLED',
        'contact_support',
        { stripeDisabledReason: 'rejected.platform_terms_of_service' },
      ],
      [
        'rejected.platform_other',
        'DISABLED',
        'contact_support',
        { stripeDisabledReason: 'rejected.platform_other' },
      ],
      [
        'action_required.requested_capabilities',
        'RESTRICTED',
        'contact_support',
        { stripeDisabledReason: 'action_required.requested_capabilities', stripeCapabilities: {} },
      ],
      [
        'payouts_paused',
        'RESTRICTED',
        'contact_support',
        { stripePayoutsEnabled: false, stripeDisabledReason: null },
      ],
      ['future_requirements', 'ACTIVE', 'none', { stripeCurrentlyDue: [], stripeDisabledReason: null }],
    ])('%s → %s, %s', async (state, status, nextAction, snapshot) => {
      const creator = await onboardedCreator(api, stripe);
      if (carrier === 'webhook') await driveInto(creator.stripeAccountId, state);
      else await reconcileInto(creator, state);

      const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      expect(stored).toMatchObject({ stripeAccountStatus: status, ...snapshot });
      expect(await statusOf(creator.token)).toMatchObject({
        stripeAccountId: creator.stripeAccountId,
        status,
        nextAction,
        nextActionDeadline: null,
        disabledReason: stored.stripeDisabledReason,
      });
      expectGate(await dashboardLinkOf(creator.token), status, creator.stripeAccountId);
    });
  });

  it('enabled → ACTIVE, none: paid by transfer, no charges needed, the dashboard opens', async () => {
    const creator = await onboardedCreator(api, stripe);
    await driveInto(creator.stripeAccountId, 'past_due');
    await driveInto(creator.stripeAccountId, 'enabled');
    expect(await statusOf(creator.token)).toMatchObject({
      status: 'ACTIVE',
      nextAction: 'none',
      chargesEnabled: false,
      payoutsEnabled: true,
      capabilities: { transfers: 'active' },
      requirements: { currentlyDue: [], pastDue: [], eventuallyDue: [], pendingVerification: [], errors: [] },
    });
    expectGate(await dashboardLinkOf(creator.token), 'ACTIVE', creator.stripeAccountId);
  });

  it('restricted_soon → ACTIVE, provide_information by the deadline: the dashboard stays open', async () => {
    const creator = await onboardedCreator(api, stripe);
    const deadline = Math.floor(Date.now() / 1_000) + 7 * DAY;
    const errors = [
      {
        requirement: 'individual.id_number',
        code: 'invalid_tax_id' as const,
        reason: 'The ID number is invalid.',
      },
    ];
    await driveInto(creator.stripeAccountId, 'restricted_soon', {
      fields: ['individual.id_number'],
      deadline,
      errors,
    });
    const deadlineIso = new Date(deadline * 1_000).toISOString();
    expect(await statusOf(creator.token)).toMatchObject({
      status: 'ACTIVE',
      nextAction: 'provide_information',
      nextActionDeadline: deadlineIso,
      requirementsDue: ['individual.id_number'],
      requirements: {
        currentlyDue: ['individual.id_number'],
        eventuallyDue: ['individual.id_number'],
        pastDue: [],
        currentDeadline: deadlineIso,
        errors,
      },
    });
    expectGate(await dashboardLinkOf(creator.token), 'ACTIVE', creator.stripeAccountId);
  });

  it('no account → PENDING, start_onboarding, and the dashboard link says there is none', async () => {
    const creator = await newCreator(api);
    expect(await statusOf(creator.token)).toMatchObject({
      stripeAccountId: null,
      status: 'PENDING',
      nextAction: 'start_onboarding',
      capabilities: { transfers: 'unrequested' },
      lastPayoutFailure: null,
      disconnectedAt: null,
    });
    expect(await dashboardLinkOf(creator.token)).toMatchObject({
      status: 400,
      code: 'creator.stripe.account_not_found',
    });
  });

  describe('payouts and bank accounts', () => {
    async function failedPayout(stripeAccountId: string, failureCode: 'account_closed' | 'declined') {
      const payout = stripe.payouts.create({ account: stripeAccountId });
      stripe.payouts.fail(payout.id, failureCode);
      await stripe.webhooks.idle();
      const [event] = await api.prisma.stripeWebhookEvent.findMany({
        where: { accountId: stripeAccountId, type: 'payout.failed' },
      });
      expect(event?.outcome).toBe('APPLIED');
      return payout;
    }

    it('a payout failing on a closed bank account → RESTRICTED, update_bank_account, the failure in words', async () => {
      const creator = await onboardedCreator(api, stripe);
      const payout = await failedPayout(creator.stripeAccountId, 'account_closed');
      const stored = await api.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.id } });
      expect(stored).toMatchObject({
        stripeAccountStatus: 'RESTRICTED',
        stripePayoutFailureId: payout.id,
        stripePayoutFailureCode: 'account_closed',
        stripeBankAccountStatus: 'errored',
        stripePastDue: ['external_account'],
      });
      expect(await statusOf(creator.token)).toMatchObject({
        status: 'RESTRICTED',
        nextAction: 'update_bank_account',
        lastPayoutFailure: {
          payoutId: payout.id,
          code: 'account_closed',
          message: 'Your bank account has been closed. Add another bank account.',
          failedAt: expect.any(String),
        },
      });
      const french = await fetch(`${api.origin}${CONNECT}/status`, {
        headers: { authorization: `Bearer ${creator.token}`, 'accept-language': 'fr' },
      });
      expect((await readEnvelope(french)).data.lastPayoutFailure.message).toBe(
        'Votre compte bancaire a été clôturé. Ajoutez un autre compte bancaire.',
      );
      expectGate(await dashboardLinkOf(creator.token), 'RESTRICTED', creator.stripeAccountId);

      // The creator gives another bank account: payouts come back, the failure stays on record, settled.
      stripe.accounts.replaceBankAccount(creator.stripeAccountId, { last4: '1116' });
      await stripe.webhooks.idle();
      expect(await statusOf(creator.token)).toMatchObject({
        status: 'ACTIVE',
        nextAction: 'none',
        lastPayoutFailure: { payoutId: payout.id, code: 'account_closed' },
      });
      expectGate(await dashboardLinkOf(creator.token), 'ACTIVE', creator.stripeAccountId);
    });

    it('a payout the bank declined → ACTIVE, update_bank_account in the dashboard, until the bank account is replaced', async () => {
      const creator = await onboardedCreator(api, stripe);
      await failedPayout(creator.stripeAccountId, 'declined');
      expect(await statusOf(creator.token)).toMatchObject({
        status: 'ACTIVE',
        nextAction: 'update_bank_account',
        lastPayoutFailure: { code: 'declined' },
      });
      expectGate(await dashboardLinkOf(creator.token), 'ACTIVE', creator.stripeAccountId);

      // Only the bank account events tell: Stripe sends no account.updated for it.
      const events = stripe.accounts.replaceBankAccount(creator.stripeAccountId);
      expect(events.map((event) => event.type)).not.toContain('account.updated');
      await stripe.webhooks.idle();
      expect(await statusOf(creator.token)).toMatchObject({ status: 'ACTIVE', nextAction: 'none' });
    });
  });

  describe('disconnection', () => {
    it('deauthorized → archived, PENDING, start_again; the webhook is acknowledged; onboarding starts afresh', async () => {
      const creator = await onboardedCreator(api, stripe);
      const [event] = stripe.accounts.deauthorize(creator.stripeAccountId);
      await stripe.webhooks.idle();
      const deliveries = stripe.webhooks.deliveries().filter((delivery) => delivery.eventId === event?.id);
      expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
      await expect(
        api.prisma.stripeWebhookEvent.findUnique({ where: { id: event?.id } }),
      ).resolves.toMatchObject({
        type: 'account.application.deauthorized',
        outcome: 'APPLIED',
      });
      await expect(
        api.prisma.archivedStripeAccount.findUnique({ where: { stripeAccountId: creator.stripeAccountId } }),
      ).resolves.toMatchObject({
        creatorProfileId: creator.creatorProfileId,
        reason: 'DEAUTHORIZED',
        lastStatus: 'ACTIVE',
      });
      expect(await statusOf(creator.token)).toMatchObject({
        stripeAccountId: null,
        status: 'PENDING',
        nextAction: 'start_again',
        disconnectedAt: expect.any(String),
      });
      expect(await dashboardLinkOf(creator.token)).toMatchObject({
        status: 400,
        code: 'creator.stripe.account_not_found',
      });

      const again = await callApi(api, 'POST', `${CONNECT}/onboarding-link`, creator.token);
      expect(again.status).toBe(200);
      const fresh = await statusOf(creator.token);
      expect(fresh).toMatchObject({
        status: 'PENDING',
        nextAction: 'provide_information',
        disconnectedAt: null,
      });
      expect(fresh.stripeAccountId).toMatch(/^acct_/);
      expect(fresh.stripeAccountId).not.toBe(creator.stripeAccountId);
    });

    it('Stripe answering account_invalid to a dashboard link archives the account: 409, then start_again', async () => {
      const creator = await onboardedCreator(api, stripe);
      stripe.webhooks.pause();
      stripe.accounts.deauthorize(creator.stripeAccountId);
      try {
        expect(await dashboardLinkOf(creator.token)).toMatchObject({
          status: 409,
          code: 'creator.stripe.account_invalid',
        });
        expect(await statusOf(creator.token)).toMatchObject({
          stripeAccountId: null,
          nextAction: 'start_again',
        });
        expect(await dashboardLinkOf(creator.token)).toMatchObject({
          status: 400,
          code: 'creator.stripe.account_not_found',
        });
      } finally {
        stripe.webhooks.resume();
        await stripe.webhooks.idle();
      }
    });

    it('Stripe answering account_invalid on a sync archives the account, and the creator can start again', async () => {
      const creator = await onboardedCreator(api, stripe);
      // Deleted on Stripe's side: no event comes, the next read finds out.
      stripe.webhooks.pause();
      stripe.accounts.deauthorize(creator.stripeAccountId);
      const synced = await callApi(api, 'POST', `${CONNECT}/status/sync`, creator.token);
      expect(synced.status).toBe(200);
      expect((await readEnvelope(synced)).data).toMatchObject({
        stripeAccountId: null,
        nextAction: 'start_again',
      });
      await expect(
        api.prisma.archivedStripeAccount.findUnique({ where: { stripeAccountId: creator.stripeAccountId } }),
      ).resolves.toMatchObject({ reason: 'ACCOUNT_INVALID' });

      // The deauthorization event arriving late finds nothing left to do, and is still acknowledged.
      stripe.webhooks.resume();
      await stripe.webhooks.idle();
      const late = stripe.webhooks
        .deliveries()
        .filter((delivery) => delivery.url.endsWith('/webhooks/stripe'))
        .at(-1);
      expect(late?.status).toBe(200);
      expect(await api.prisma.stripeWebhookEvent.findUnique({ where: { id: late?.eventId } })).toMatchObject({
        outcome: 'IGNORED',
      });
    });
  });
});
