/**
 * The API's connections to Stripe (STRIPE_MAX_SOCKETS): never more than the setting, whatever the calls at once, and
 * kept open between calls, so a burst of dashboard links does not open (and, against Stripe, handshake) new ones.
 * A call waiting for a free connection gives up within STRIPE_TIMEOUT_MS like any other.
 */
import { createActiveCreator } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApiWithStripe, type TestApiWithStripe } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const MAX_SOCKETS = 3;
/** Two bursts of this many calls at once, each from a creator of its own (10 links an hour each). */
const BURST = 12;

/** `count` ACTIVE creators of the app's database and emulator, each with a token of its own. */
function createCreators({ api, stripe }: TestApiWithStripe, count: number) {
  return Promise.all(Array.from({ length: count }, () => createActiveCreator(api.prisma, stripe)));
}

/** One dashboard-link call per creator, all at once. */
function requestLinksAtOnce(
  { api }: TestApiWithStripe,
  creators: Array<{ token: string }>,
): Promise<Response[]> {
  return Promise.all(
    creators.map(({ token }) =>
      fetch(api.origin + ROUTE, { method: 'POST', headers: { authorization: `Bearer ${token}` } }),
    ),
  );
}

describe('under a burst', () => {
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe({
      stripe: { latency: { baseMs: 200, jitterMs: 20 } },
      env: { STRIPE_MAX_SOCKETS: String(MAX_SOCKETS) },
    });
  });

  afterAll(() => started?.close());

  it('calls Stripe over at most STRIPE_MAX_SOCKETS connections, kept from one burst to the next', async () => {
    if (!started) throw new Error('The API did not start');
    const { stripe } = started;
    const creators = await createCreators(started, BURST);

    stripe.requests.clear();
    const first = await requestLinksAtOnce(started, creators);
    const second = await requestLinksAtOnce(started, creators);

    expect([...first, ...second].map((response) => response.status)).toEqual(Array(2 * BURST).fill(200));
    const connections = stripe.requests.list().map((request) => request.connection);
    expect(connections).toHaveLength(2 * BURST);
    expect(connections.every((connection) => connection > 0)).toBe(true);
    const firstBurst = new Set(connections.slice(0, BURST));
    expect(firstBurst.size).toBeLessThanOrEqual(MAX_SOCKETS);
    expect(connections.slice(BURST).every((connection) => firstBurst.has(connection))).toBe(true);
  });
});

describe('when every connection stays busy for most of the timeout', () => {
  const STRIPE_ANSWERS_AFTER_MS = 1_000;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe({
      stripe: { latency: { baseMs: STRIPE_ANSWERS_AFTER_MS, jitterMs: 0 } },
      env: { STRIPE_MAX_SOCKETS: '1', STRIPE_TIMEOUT_MS: '1500' },
    });
  });

  afterAll(() => started?.close());

  it('counts the wait for a connection against the timeout: the calls that would end past it answer 504', async () => {
    if (!started) throw new Error('The API did not start');
    const responses = await requestLinksAtOnce(started, await createCreators(started, 3));

    // The first answers after 1 s; the second gets the connection with 0.5 s left, the third with none: Node's agent
    // alone would give each a full timeout once connected, and all three would answer 200, the last after 3 s.
    const bodies = await Promise.all(responses.map(readEnvelope));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 504, 504]);
    expect(bodies.filter((body) => !body.success).map((body) => body.error?.code)).toEqual([
      'creator.stripe.timeout',
      'creator.stripe.timeout',
    ]);
  });
});
