import { randomUUID } from 'node:crypto';
import type { StripeEmulator } from '@biore/stripe-emulator';
import { accessTokenFor, createActiveCreator } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { describeWithRedis } from '../support/redis-available.js';
import { startTestApi, startTestStripe, type TestApi } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';
const LIMIT = 10;

describe('dashboard-link rate limit: 10 per hour per user', () => {
  let stripe: StripeEmulator;
  let stripeEnv: Record<string, string>;

  beforeAll(async () => {
    ({ emulator: stripe, env: stripeEnv } = await startTestStripe());
  });
  afterAll(() => stripe?.close());

  const activeCreatorToken = async (api: TestApi) => {
    const { id, token } = await createActiveCreator(api.prisma, stripe);
    return { userId: id, token };
  };

  const post = (api: TestApi, token: string) =>
    fetch(api.origin + ROUTE, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  async function statuses(responses: Response[]) {
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    return responses.map((response) => response.status);
  }

  describe('with in-memory counters (no Redis)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ ...stripeEnv, REDIS_URL: undefined });
    });
    afterAll(() => api?.close());

    it('lets exactly 10 of 20 simultaneous requests through', async () => {
      const { token } = await activeCreatorToken(api);
      const codes = await statuses(await Promise.all(Array.from({ length: 20 }, () => post(api, token))));
      expect(codes.filter((code) => code === 200)).toHaveLength(LIMIT);
      expect(codes.filter((code) => code === 429)).toHaveLength(20 - LIMIT);
    });

    it('answers the 11th with 429 RATE_LIMIT_EXCEEDED, Retry-After and X-RateLimit-* headers', async () => {
      const { token } = await activeCreatorToken(api);
      for (let i = 0; i < LIMIT; i++) {
        const allowed = await post(api, token);
        expect(allowed.status).toBe(200);
        expect(allowed.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - i - 1));
        await allowed.arrayBuffer();
      }
      const refused = await post(api, token);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3_500);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3_600);
      expect(refused.headers.get('x-ratelimit-limit')).toBe('10');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(3_500);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      const { error } = await readEnvelope(refused);
      expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', i18nKey: 'common.rate_limit_exceeded' });
      expect(error?.correlationId).toBe(refused.headers.get('x-correlation-id'));
    });

    it('counts per user, not per address, and a 401 costs nothing', async () => {
      const first = await activeCreatorToken(api);
      const second = await activeCreatorToken(api);
      const expired = accessTokenFor(first.userId, { expiresIn: -60 });
      expect(await statuses(await Promise.all(Array.from({ length: 5 }, () => post(api, expired))))).toEqual(
        Array(5).fill(401),
      );
      const both = await Promise.all([
        ...Array.from({ length: LIMIT }, () => post(api, first.token)),
        ...Array.from({ length: LIMIT }, () => post(api, second.token)),
      ]);
      expect(await statuses(both)).toEqual(Array(2 * LIMIT).fill(200));
    });
  });

  describeWithRedis('with counters in Redis shared by two instances', () => {
    let instances: TestApi[];
    // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
    beforeAll(async () => {
      const shared = { ...stripeEnv, REDIS_KEY_PREFIX: `test-${randomUUID()}:` };
      instances = await Promise.all([startTestApi(shared), startTestApi(shared)]);
    });
    // biome-ignore lint/suspicious/noDuplicateTestHooks: describeWithRedis opens a describe block of its own
    afterAll(() => Promise.all(instances.map((api) => api.close())));

    it('lets exactly 10 of 20 simultaneous requests through across both instances', async () => {
      const [a, b] = instances as [TestApi, TestApi];
      const { token } = await activeCreatorToken(a);
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, token)));
      const codes = await statuses(responses);
      expect(codes.filter((code) => code === 200)).toHaveLength(LIMIT);
      expect(codes.filter((code) => code === 429)).toHaveLength(20 - LIMIT);
    });

    it('keeps counting on the other instance after one has used up the limit', async () => {
      const [a, b] = instances as [TestApi, TestApi];
      const { token } = await activeCreatorToken(a);
      expect(await statuses(await Promise.all(Array.from({ length: LIMIT }, () => post(a, token))))).toEqual(
        Array(LIMIT).fill(200),
      );
      expect((await post(b, token)).status).toBe(429);
    });
  });
});
