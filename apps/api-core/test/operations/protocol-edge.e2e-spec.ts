import { connect } from 'node:net';
import { stripeSignatureHeader } from '@biore/stripe-emulator';
import { uniqueAccountId } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import {
  startTestApi,
  startTestApiWithStripe,
  type TestApi,
  type TestApiWithStripe,
} from '../support/test-api.js';

const WEBHOOK = '/api/v1/webhooks/stripe';
const WEBHOOK_SECRET = 'whsec_test_protocol_edge_0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a raw socket got back: the first status line's code, its headers (lower-cased) and all that follows. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` as it is on a fresh connection and reads until the server closes it (bounded). */
function exchange(origin: string, request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within 5 s to ${JSON.stringify(request)}`));
    }, 5_000);
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    socket.once('error', reject);
    socket.once('close', () => {
      clearTimeout(timer);
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

/** What Node answers by itself on the wire, before any framework: each must be the contract's envelope instead. */
describe('answers Node would give by itself', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  function expectEnvelope(answer: RawAnswer, status: number, code: string) {
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({
      success: false,
      error: { code, correlationId: answer.headers['x-correlation-id'] },
    });
    expect(answer.headers['x-correlation-id']).toMatch(UUID);
    expect(answer.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  }

  it('an HTTP/1.1 request without Host: 400 VALIDATION_FAILED in the envelope, not a bare 400', async () => {
    const answer = await exchange(api.origin, 'GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n');
    expectEnvelope(answer, 400, 'VALIDATION_FAILED');
  });

  it.each(['foo', '200-ok'])(
    'Expect: %s → 417 EXPECTATION_FAILED in the envelope, not a bare 417',
    async (expectation) => {
      const answer = await exchange(
        api.origin,
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nExpect: ${expectation}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      expectEnvelope(answer, 417, 'EXPECTATION_FAILED');
    },
  );

  it('Expect: 100-continue still works', async () => {
    const answer = await exchange(
      api.origin,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(answer.status).toBe(100);
    expect(answer.body).toContain('VALIDATION_FAILED');
  });

  it('an HTTP/1.0 request without Host is served', async () => {
    const answer = await exchange(api.origin, 'GET /health/live HTTP/1.0\r\n\r\n');
    expect(answer.status).toBe(200);
  });
});

/** Stripe's deliveries carry whole objects: larger than the 16 KiB our own routes take. */
describe('the Stripe webhook body limit', () => {
  let api: TestApi;
  let started: TestApiWithStripe | undefined;

  beforeAll(async () => {
    started = await startTestApiWithStripe({ env: { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    ({ api } = started);
  });

  afterAll(() => started?.close());

  /** A signed `account.updated` for an account we do not know (acknowledged, ignored), padded to `bytes`. */
  function signedDelivery(bytes: number) {
    const event = {
      id: `evt_${uniqueAccountId().slice(5)}`,
      object: 'event',
      type: 'account.updated',
      created: Math.floor(Date.now() / 1_000),
      data: { object: { id: uniqueAccountId(), object: 'account', metadata: { padding: '' } } },
    };
    const unpadded = Buffer.byteLength(JSON.stringify(event));
    event.data.object.metadata.padding = 'x'.repeat(Math.max(0, bytes - unpadded));
    const payload = JSON.stringify(event);
    return fetch(api.origin + WEBHOOK, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripeSignatureHeader(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1_000)),
      },
      body: payload,
    });
  }

  it.each([40 * 1_024, 500 * 1_024])('a signed delivery of %i bytes is accepted', async (bytes) => {
    const response = await signedDelivery(bytes);
    expect(response.status).toBe(200);
    expect((await readEnvelope(response)).data).toMatchObject({ outcome: 'IGNORED' });
  });

  it('one over 512 KiB gets 413 PAYLOAD_TOO_LARGE in the envelope', async () => {
    const response = await signedDelivery(513 * 1_024);
    expect(response.status).toBe(413);
    expect((await readEnvelope(response)).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('other routes keep BODY_LIMIT_BYTES', async () => {
    const response = await fetch(`${api.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(20 * 1_024) }),
    });
    expect(response.status).toBe(413);
    expect((await readEnvelope(response)).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
