/** Restricted keys (`rk_…`): what their permissions allow works, the rest answers Stripe's 403. */
import Stripe from 'stripe';
import {
  EMULATOR_PLATFORM,
  EmulatorOptionError,
  type StripeEmulator,
  startStripeEmulator,
} from '../src/index.js';
import { captureStripeError } from './support/stripe.js';

const ONBOARDED = 'acct_1RestrictedTarget';
const READ_ONLY = 'rk_test_readAccountsOnly00000000000001';
const LINKS = 'rk_test_accountsAndLoginLinks0000000002';

let emulator: StripeEmulator;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    seed: { accounts: [{ id: ONBOARDED, type: 'express' }] },
    restrictedKeys: [
      { key: READ_ONLY, permissions: { accounts: 'read' } },
      { key: LINKS, permissions: { accounts: 'write', login_links: 'write', events: 'none' } },
    ],
  });
});

afterAll(() => emulator.close());

const clientWith = (key: string) =>
  new Stripe(key, { ...emulator.stripeClientOptions, maxNetworkRetries: 0 });

/** Stripe's refusal, which names the permission that would have allowed the call. */
const refusal = (key: string, permission: string) =>
  `The provided key '${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}' does not have the required permissions for this endpoint on account '${EMULATOR_PLATFORM.accountId}'. Having the '${permission}' permission would allow this request to continue.`;

describe('a restricted key', () => {
  it('does what its permissions allow', async () => {
    await expect(clientWith(READ_ONLY).accounts.retrieve(ONBOARDED)).resolves.toMatchObject({
      id: ONBOARDED,
    });
    await expect(clientWith(LINKS).accounts.retrieve(ONBOARDED)).resolves.toMatchObject({ id: ONBOARDED });
    await expect(clientWith(LINKS).accounts.createLoginLink(ONBOARDED)).resolves.toMatchObject({
      object: 'login_link',
    });
  });

  it.each([
    [
      'creating an account with read access',
      READ_ONLY,
      (stripe: Stripe) => stripe.accounts.create({ type: 'express' }),
      'rak_accounts_kyc_basic_write',
    ],
    [
      'a login link without that permission',
      READ_ONLY,
      (stripe: Stripe) => stripe.accounts.createLoginLink(ONBOARDED),
      'rak_login_link_write',
    ],
    ['listing events with none', LINKS, (stripe: Stripe) => stripe.events.list(), 'rak_event_read'],
    [
      'an account link without the permission',
      LINKS,
      (stripe: Stripe) => stripe.accountLinks.create({ account: ONBOARDED, type: 'account_onboarding' }),
      'rak_account_link_write',
    ],
    [
      'a webhook endpoint without the permission',
      LINKS,
      (stripe: Stripe) => stripe.webhookEndpoints.list(),
      'rak_webhook_read',
    ],
  ])("refuses %s with 403, in Stripe's words", async (_name, key, call, permission) => {
    const error = await captureStripeError(call(clientWith(key)));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error).toMatchObject({ statusCode: 403, rawType: 'invalid_request_error', code: undefined });
    expect(error.message).toBe(refusal(key, permission));
  });

  it('is refused with 401 when the emulator does not know it, as any wrong key', async () => {
    const error = await captureStripeError(
      clientWith('rk_test_unknownRestrictedKey00000009').accounts.retrieve(ONBOARDED),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('must look like one', async () => {
    await expect(
      startStripeEmulator({ restrictedKeys: [{ key: 'sk_test_notRestricted', permissions: {} }] }),
    ).rejects.toThrow(EmulatorOptionError);
  });
});
