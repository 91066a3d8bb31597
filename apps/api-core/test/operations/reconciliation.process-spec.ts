import { randomUUID } from 'node:crypto';
import type { StripeAccountStatus } from '@biore/database';
import { deployMigrations } from '@biore/database/development';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { type ApiProcess, type LogLine, runApiCommand, startApiProcess } from '../support/api-process.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { createUser, uniqueAccountId } from '../support/fixtures.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTestStripe } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';

const JOB = 'stripe-reconciliation';
const INTERVAL_SECONDS = 2;
const WEBHOOK = '/api/v1/webhooks/stripe';
const WEBHOOK_SECRET = 'whsec_test_reconciliation_0123456789';
/** Long enough for several intervals on a loaded machine; the tests wait for what they need, not for this. */
const PATIENCE = { timeoutMs: 60_000, intervalMs: 100 };

const why = process.env.REDIS_URL
  ? ''
  : ' [skipped: REDIS_URL is unset; the schedule is shared through Redis, and CI sets it]';

/**
 * A deployment of its own: a fresh database (the pass reads every account in it, so no other test's creators) and
 * an emulator playing Stripe, where creators are made the way Stripe holds them.
 */
async function startDeployment() {
  const database = await createEmptyDatabase();
  await deployMigrations(database.url);
  const { emulator, env } = await startTestStripe();
  return {
    database,
    stripe: emulator,
    env: {
      ...env,
      DATABASE_URL: database.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      RECONCILIATION_ACCOUNTS_PER_SECOND: '50',
    },
  };
}

/** A creator whose Express account Stripe holds in `state`, stored as `stored` (what our last read said). */
async function creatorIn(
  deployment: { database: EmptyDatabase; stripe: StripeEmulator },
  state: 'onboarding' | 'enabled',
  stored: StripeAccountStatus,
) {
  const stripeAccountId = uniqueAccountId();
  deployment.stripe.accounts.seed({
    id: stripeAccountId,
    type: 'express',
    details_submitted: state === 'enabled',
  });
  const user = await createUser(deployment.database.prisma, { stripeAccountId, stripeAccountStatus: stored });
  return { ...user, stripeAccountId };
}

const isJobLine = (msg: string) => (line: LogLine) =>
  line.context === 'ScheduledJobs' && line.msg === msg && line.job === JOB;

describeWithRedis(`scheduled reconciliation on two API processes${why}`, () => {
  let deployment: Awaited<ReturnType<typeof startDeployment>>;
  let instances: ApiProcess[] = [];
  const logsOfBoth = () => instances.flatMap((api) => api.logs());

  beforeAll(async () => {
    deployment = await startDeployment();
    const shared = {
      ...deployment.env,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      RECONCILIATION_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
    };
    instances = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
    for (const api of instances)
      deployment.stripe.webhooks.register({ url: api.origin + WEBHOOK, secret: WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await Promise.all(instances.map((api) => api.stop()));
    await deployment?.stripe.close();
    await deployment?.database.drop();
  });

  it('runs once per interval for the deployment, never twice for one interval, whichever instance takes it', async () => {
    await waitFor(() => {
      expect(logsOfBoth().filter(isJobLine('Scheduled job finished')).length).toBeGreaterThanOrEqual(4);
    }, PATIENCE);
    const started = logsOfBoth().filter(isJobLine('Scheduled job started'));
    const slots = started.map((line) => Date.parse(String(line.runSlot))).sort((a, b) => a - b);
    expect(slots.every(Number.isFinite)).toBe(true);
    expect(new Set(slots).size).toBe(slots.length);
    // Slots on the deployment's one grid: a timer per process would start on each process's own clock.
    for (const [index, slot] of slots.entries())
      if (index > 0) expect((slot - (slots[index - 1] ?? 0)) % (INTERVAL_SECONDS * 1_000)).toBe(0);
    for (const api of instances)
      expect(api.logs().filter(isJobLine('Scheduled job registered'))[0]).toMatchObject({
        intervalMs: INTERVAL_SECONDS * 1_000,
      });
  });

  it('applies what Stripe could not deliver: the account re-read, its missed events recorded once, then redeliveries are duplicates', async () => {
    const completing = await creatorIn(deployment, 'onboarding', 'PENDING');
    const paid = await creatorIn(deployment, 'enabled', 'ACTIVE');
    deployment.stripe.webhooks.pause();
    try {
      const missed = [
        ...deployment.stripe.accounts.setState(completing.stripeAccountId, 'enabled'),
        ...deployment.stripe.payouts.fail(
          deployment.stripe.payouts.create({ account: paid.stripeAccountId, amount: 5_000 }).id,
          'account_closed',
        ),
      ].map((event) => event.id);
      expect(missed.length).toBeGreaterThan(0);

      await waitFor(async () => {
        const recorded = await deployment.database.prisma.stripeWebhookEvent.findMany({
          where: { id: { in: missed } },
        });
        expect(recorded.map((event) => event.id).sort()).toEqual([...missed].sort());
      }, PATIENCE);
      const profile = await deployment.database.prisma.creatorProfile.findUniqueOrThrow({
        where: { userId: completing.id },
      });
      expect(profile.stripeAccountStatus).toBe('ACTIVE');
      // The pass logs after it has recorded the events, and its lines reach us through a pipe: wait for them too.
      await waitFor(() => {
        // An earlier pass may have read the account before it completed: the line that saw it complete.
        const changed = logsOfBoth().find(
          (line) =>
            line.msg === 'Reconciliation changed an account' &&
            line.stripeAccountId === completing.stripeAccountId &&
            (line.changes as Record<string, unknown>).status !== undefined,
        );
        expect(changed).toMatchObject({
          context: 'Reconciliation',
          changes: { status: { from: 'PENDING', to: 'ACTIVE' } },
        });
        const replayedForPayout = logsOfBoth()
          .filter(
            (line) =>
              line.stripeAccountId === paid.stripeAccountId &&
              line.msg === 'Reconciliation changed an account',
          )
          .flatMap((line) => (line.replayedEvents as Array<{ type: string }>).map((event) => event.type));
        expect(replayedForPayout).toContain('payout.failed');
      }, PATIENCE);
      // Nothing reached the API by webhook meanwhile: the pass did it.
      expect(
        deployment.stripe.webhooks.deliveries().filter((delivery) => missed.includes(delivery.eventId)),
      ).toEqual([]);
    } finally {
      deployment.stripe.webhooks.resume();
    }
    await deployment.stripe.webhooks.idle();
    const deliveries = deployment.stripe.webhooks.deliveries();
    expect(deliveries.filter((delivery) => delivery.status !== 200)).toEqual([]);
    const handledByWebhook = logsOfBoth().filter(
      (line) =>
        line.msg === 'Stripe event handled' && typeof line.eventId === 'string' && line.eventId.length > 0,
    );
    // Each missed event was handled exactly once across both instances: by the pass, not again when delivered.
    for (const eventId of deliveries.map((delivery) => delivery.eventId))
      expect(handledByWebhook.filter((line) => line.eventId === eventId)).toHaveLength(1);
  });
});

describe('pnpm reconcile: one pass by hand, then exit', () => {
  let deployment: Awaited<ReturnType<typeof startDeployment>>;

  beforeAll(async () => {
    deployment = await startDeployment();
  });

  afterAll(async () => {
    await deployment?.stripe.close();
    await deployment?.database.drop();
  });

  it('re-reads every account against the configured database and Stripe, logs what it changed, exits 0', async () => {
    const first = await creatorIn(deployment, 'enabled', 'PENDING');
    const second = await creatorIn(deployment, 'enabled', 'PENDING');
    const statuses = async () =>
      Object.fromEntries(
        (
          await deployment.database.prisma.creatorProfile.findMany({
            where: { userId: { in: [first.id, second.id] } },
          })
        ).map((profile) => [profile.stripeAccountId, profile.stripeAccountStatus]),
      );

    const catchingUp = await runApiCommand('reconcile', deployment.env);
    expect(catchingUp.exit.code, catchingUp.output).toBe(0);
    expect(await statuses()).toEqual({
      [first.stripeAccountId]: 'ACTIVE',
      [second.stripeAccountId]: 'ACTIVE',
    });

    deployment.stripe.accounts.setState(second.stripeAccountId, 'past_due');
    const { exit, logs, output } = await runApiCommand('reconcile', deployment.env);

    expect(exit.code, output).toBe(0);
    expect(await statuses()).toEqual({
      [first.stripeAccountId]: 'ACTIVE',
      [second.stripeAccountId]: 'RESTRICTED',
    });
    const changed = logs.filter((line) => line.msg === 'Reconciliation changed an account');
    expect(changed.map((line) => line.stripeAccountId)).toEqual([second.stripeAccountId]);
    expect(changed[0]).toMatchObject({ changes: { status: { from: 'ACTIVE', to: 'RESTRICTED' } } });
    expect(logs.find((line) => line.msg === 'Reconciliation pass finished')).toMatchObject({
      accounts: 2,
      changed: 1,
      failed: 0,
      interrupted: false,
    });
    // A command runs its pass and leaves the schedule to the servers.
    expect(logs.filter((line) => line.msg === 'Scheduled job registered')).toEqual([]);
  });

  it('refuses to run without a configured Stripe, naming the variable', async () => {
    const { exit, output } = await runApiCommand('reconcile', {
      ...deployment.env,
      STRIPE_SECRET_KEY: undefined,
    });
    expect(exit.code).toBe(1);
    expect(output).toContain('STRIPE_SECRET_KEY: required');
  });
});
