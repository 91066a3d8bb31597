/**
 * Every kind of response the emulator gives, checked against Stripe's published OpenAPI schemas with a
 * real JSON Schema validator.
 */
import {
  ACCOUNT_STATES,
  type StripeEmulator,
  type StripeErrorDetails,
  startStripeEmulator,
} from '../src/index.js';
import { callApi, type RawResponse } from './support/http.js';
import { openApiSubset, type StripeSchemaName, schemaViolations } from './support/openapi-validator.js';

const ONBOARDED = 'acct_1ConformOnboarded';
const UNFINISHED = 'acct_1ConformUnfinished';
const STANDARD = 'acct_1ConformStandard0';
/** The version of the spec subset: answers rendered at it must fit its schemas. */
const SPEC_VERSION = openApiSubset.info.version;
const UNKNOWN = 'acct_1DoesNotExist000';

let emulator: StripeEmulator;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    seed: {
      accounts: [
        { id: ONBOARDED, type: 'express', email: 'creator@example.com' },
        { id: UNFINISHED, type: 'express', details_submitted: false },
        { id: STANDARD, type: 'standard' },
      ],
    },
  });
});

afterAll(() => emulator.close());

interface Case {
  name: string;
  schema: StripeSchemaName;
  status: number;
  send: () => Promise<RawResponse>;
  /** For errors: the fields callers branch on. */
  error?: Partial<StripeErrorDetails>;
}

const post = (path: string, form = '', headers: Record<string, string> = {}) =>
  callApi(emulator, 'POST', path, { form, headers });

const successCases: Case[] = [
  {
    name: 'account created with type=express',
    schema: 'account',
    status: 200,
    send: () => post('/v1/accounts', 'type=express'),
  },
  {
    name: 'account created with controller parameters',
    schema: 'account',
    status: 200,
    send: () =>
      post(
        '/v1/accounts',
        'controller[stripe_dashboard][type]=express&controller[fees][payer]=application&controller[losses][payments]=application&controller[requirement_collection]=stripe&capabilities[transfers][requested]=true&email=new@example.com&metadata[creator_id]=42',
      ),
  },
  {
    name: 'seeded onboarded account',
    schema: 'account',
    status: 200,
    send: () => callApi(emulator, 'GET', `/v1/accounts/${ONBOARDED}`),
  },
  {
    name: 'seeded unfinished account',
    schema: 'account',
    status: 200,
    send: () => callApi(emulator, 'GET', `/v1/accounts/${UNFINISHED}`),
  },
  {
    name: 'account link',
    schema: 'account_link',
    status: 200,
    send: () =>
      post(
        '/v1/account_links',
        `account=${UNFINISHED}&type=account_onboarding&refresh_url=https://app.test/refresh&return_url=https://app.test/return`,
      ),
  },
  {
    name: 'login link',
    schema: 'login_link',
    status: 200,
    send: () => post(`/v1/accounts/${ONBOARDED}/login_links`),
  },
  ...ACCOUNT_STATES.map(
    (state): Case => ({
      name: `account rendered at the spec's version after moving to ${state}`,
      schema: 'account',
      status: 200,
      send: () => {
        const { id } = emulator.accounts.seed({ details_submitted: false });
        emulator.accounts.setState(id, state === 'onboarding' ? 'enabled' : state);
        if (state === 'onboarding') emulator.accounts.setState(id, state);
        return callApi(emulator, 'GET', `/v1/accounts/${id}`, {
          headers: { 'Stripe-Version': SPEC_VERSION },
        });
      },
    }),
  ),
];

const errorCases: Case[] = [
  {
    name: 'missing API key',
    error: {
      type: 'invalid_request_error',
      message: expect.stringContaining('You did not provide an API key'),
    },
    schema: 'error',
    status: 401,
    send: () => callApi(emulator, 'GET', `/v1/accounts/${ONBOARDED}`, { apiKey: null }),
  },
  {
    name: 'wrong API key',
    error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_**********abcd' },
    schema: 'error',
    status: 401,
    send: () => callApi(emulator, 'GET', `/v1/accounts/${ONBOARDED}`, { apiKey: 'sk_test_wrongwrongabcd' }),
  },
  {
    name: 'unknown account',
    error: { type: 'invalid_request_error', code: 'account_invalid' },
    schema: 'error',
    status: 403,
    send: () => callApi(emulator, 'GET', `/v1/accounts/${UNKNOWN}`),
  },
  {
    name: 'login link for an unknown account',
    error: { type: 'invalid_request_error', code: 'account_invalid' },
    schema: 'error',
    status: 403,
    send: () => post(`/v1/accounts/${UNKNOWN}/login_links`),
  },
  {
    name: 'account link for an unknown account',
    error: { type: 'invalid_request_error', code: 'account_invalid', param: 'account' },
    schema: 'error',
    status: 403,
    send: () => post('/v1/account_links', `account=${UNKNOWN}&type=account_onboarding`),
  },
  {
    name: 'login link for a non-Express account',
    error: { type: 'invalid_request_error', message: expect.stringContaining('Express Dashboard') },
    schema: 'error',
    status: 400,
    send: () => post(`/v1/accounts/${STANDARD}/login_links`),
  },
  {
    name: 'login link before onboarding',
    error: { type: 'invalid_request_error', message: expect.stringContaining('not completed onboarding') },
    schema: 'error',
    status: 400,
    send: () => post(`/v1/accounts/${UNFINISHED}/login_links`),
  },
  {
    name: 'missing required parameter',
    error: { code: 'parameter_missing', param: 'type', message: 'Missing required param: type.' },
    schema: 'error',
    status: 400,
    send: () => post('/v1/account_links', `account=${ONBOARDED}`),
  },
  {
    name: 'unknown parameter',
    error: { code: 'parameter_unknown', param: 'colour' },
    schema: 'error',
    status: 400,
    send: () => post('/v1/accounts', 'type=express&colour=blue'),
  },
  {
    name: 'invalid enum value',
    error: { param: 'type', message: 'Invalid type: must be one of custom, express, or standard' },
    schema: 'error',
    status: 400,
    send: () => post('/v1/accounts', 'type=premium'),
  },
  {
    name: 'invalid URL',
    error: { code: 'url_invalid', param: 'return_url' },
    schema: 'error',
    status: 400,
    send: () =>
      post('/v1/account_links', `account=${ONBOARDED}&type=account_onboarding&return_url=not-a-url`),
  },
  {
    name: 'malformed body',
    error: { type: 'invalid_request_error', message: expect.stringContaining('Invalid request body') },
    schema: 'error',
    status: 400,
    send: () => post('/v1/accounts', 'type=express&email=%E0%A4%A'),
  },
  {
    name: 'unknown route',
    error: {
      code: 'resource_missing',
      message: expect.stringContaining('Unrecognized request URL (GET: /v1/charges)'),
    },
    schema: 'error',
    status: 404,
    send: () => callApi(emulator, 'GET', '/v1/charges'),
  },
  {
    name: 'unknown event',
    error: { code: 'resource_missing', param: 'id', message: "No such event: 'evt_1NoSuchEvent'" },
    schema: 'error',
    status: 404,
    send: () => callApi(emulator, 'GET', '/v1/events/evt_1NoSuchEvent'),
  },
  {
    name: 'idempotency key reused with other parameters',
    error: { type: 'idempotency_error' },
    schema: 'error',
    status: 400,
    send: async () => {
      await post('/v1/accounts', 'type=express', { 'Idempotency-Key': 'conformance-reuse' });
      return post('/v1/accounts', 'type=custom', { 'Idempotency-Key': 'conformance-reuse' });
    },
  },
  {
    name: 'injected 429',
    error: { type: 'invalid_request_error', code: 'rate_limit' },
    schema: 'error',
    status: 429,
    send: () => {
      emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 429 });
      return post('/v1/accounts', 'type=express');
    },
  },
  {
    name: 'injected 500',
    error: { type: 'api_error' },
    schema: 'error',
    status: 500,
    send: () => {
      emulator.faults.inject({ path: '/v1/accounts', kind: 'status', status: 500 });
      return post('/v1/accounts', 'type=express');
    },
  },
];

describe.each([...successCases, ...errorCases])('$name', ({ schema, status, send, error }) => {
  let response: RawResponse;

  beforeAll(async () => {
    response = await send();
  });

  it(`answers ${status} with a body valid against components.schemas.${schema}`, () => {
    expect(response.status).toBe(status);
    expect(schemaViolations(schema, response.body)).toEqual([]);
    if (error) expect(response.body).toEqual({ error: expect.objectContaining(error) });
  });

  it('carries a Request-Id and a JSON content type', () => {
    expect(response.headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(response.headers.get('content-type')).toBe('application/json');
  });
});

describe('events of every kind the emulator sends', () => {
  /** Every event one change sent, read back as the platform reads a connected account's events. */
  async function readBack(accountId: string | undefined, eventIds: string[]) {
    const headers: Record<string, string> = accountId === undefined ? {} : { 'Stripe-Account': accountId };
    return Promise.all(eventIds.map((id) => callApi(emulator, 'GET', `/v1/events/${id}`, { headers })));
  }

  function expectValid(responses: RawResponse[]) {
    expect(responses.length).toBeGreaterThan(0);
    for (const { status, body } of responses) {
      expect(status).toBe(200);
      expect(schemaViolations('event', body)).toEqual([]);
      // The spec types `data.object` as any object; where it is an account, the account schema applies.
      const { object } = (body as { data: { object: { object: string } } }).data;
      if (object.object === 'account') expect(schemaViolations('account', object)).toEqual([]);
    }
  }

  it.each(ACCOUNT_STATES.filter((state) => state !== 'onboarding'))(
    'moving a new account to %s',
    async (state) => {
      const { id } = emulator.accounts.seed({ details_submitted: false });
      const events = emulator.accounts.setState(id, state);
      expectValid(
        await readBack(
          id,
          events.map((event) => event.id),
        ),
      );
    },
  );

  it('a changed bank account, a failed payout, a paid one and a deauthorization', async () => {
    const { id } = emulator.accounts.seed({});
    const payouts = [emulator.payouts.create({ account: id }), emulator.payouts.create({ account: id })];
    const events = [
      ...emulator.accounts.replaceBankAccount(id, { last4: '1116' }),
      ...emulator.payouts.fail(payouts[0]?.id ?? '', 'account_closed'),
      ...emulator.payouts.pay(payouts[1]?.id ?? ''),
    ];
    expectValid(
      await readBack(
        id,
        events.map((event) => event.id),
      ),
    );
    const deauthorized = emulator.accounts.deauthorize(id).map((event) => event.id);
    expect(emulator.events.get(deauthorized[0] ?? '')).toMatchObject({
      type: 'account.application.deauthorized',
    });
    expect(schemaViolations('event', emulator.events.get(deauthorized[0] ?? ''))).toEqual([]);
  });

  it("the platform's own payout events", async () => {
    const payout = emulator.payouts.create();
    const events = emulator.payouts.pay(payout.id);
    expectValid(
      await readBack(
        undefined,
        events.map((event) => event.id),
      ),
    );
  });
});

describe('accounts compared with the spec fixture', () => {
  /**
   * Object keys the fixture has at any depth that `actual` lacks. Keys whose content varies by account
   * are skipped, and so are nulls: whether a field may be null is the schema's business.
   */
  function missingKeys(fixture: unknown, actual: unknown, path = ''): string[] {
    if (typeof fixture !== 'object' || fixture === null || Array.isArray(fixture) || actual === null)
      return [];
    if (typeof actual !== 'object') return [path];
    return Object.entries(fixture).flatMap(([key, value]) => {
      if (['capabilities', 'metadata'].includes(key)) return [];
      if (!(key in actual)) return [`${path}.${key}`];
      return missingKeys(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
    });
  }

  it.each([
    ['a created account', () => post('/v1/accounts', 'type=express')],
    ['a seeded account', () => callApi(emulator, 'GET', `/v1/accounts/${ONBOARDED}`)],
  ])('%s has every field of the fixture account', async (_name, send) => {
    const { body } = await send();
    expect(missingKeys(openApiSubset['x-fixtures'].account, body)).toEqual([]);
  });
});

describe('the validator itself', () => {
  it('accepts the fixtures shipped with the spec', () => {
    for (const schema of ['account', 'account_link', 'login_link', 'event'] as const) {
      expect(schemaViolations(schema, openApiSubset['x-fixtures'][schema])).toEqual([]);
    }
  });

  it.each([
    ['login_link', 'url'],
    ['login_link', 'created'],
    ['account_link', 'expires_at'],
    ['account', 'id'],
    ['account', 'object'],
    ['event', 'data'],
    ['event', 'pending_webhooks'],
  ] as const)('rejects a %s without its required %s', (schema, field) => {
    const fixture = { ...(openApiSubset['x-fixtures'][schema] as Record<string, unknown>) };
    delete fixture[field];
    expect(schemaViolations(schema, fixture)).toContain(`/ must have required property '${field}'`);
  });

  it('rejects wrong types, wrong object names and null where the spec does not allow it', () => {
    const account = openApiSubset['x-fixtures'].account as Record<string, unknown>;
    expect(schemaViolations('account', { ...account, object: 'acount' })).not.toEqual([]);
    expect(schemaViolations('account', { ...account, charges_enabled: null })).not.toEqual([]);
    expect(schemaViolations('account', { ...account, email: null })).toEqual([]);
    expect(schemaViolations('error', { error: { message: 'no type' } })).not.toEqual([]);
  });
});
