import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('health checks', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('GET /health/live → 200 envelope', async () => {
    await request(api.origin)
      .get('/health/live')
      .expect(200)
      .expect('content-type', /^application\/json/)
      .expect('x-correlation-id', UUID_V4)
      .expect({ success: true, data: { status: 'ok' } });
  });

  it(`GET /health/ready → 200 with the database up${process.env.REDIS_URL ? ' and Redis up' : ''}`, async () => {
    await request(api.origin)
      .get('/health/ready')
      .expect(200, {
        success: true,
        data: {
          status: 'ok',
          // Redis is only checked when configured (CI); without it the limits are in memory.
          checks: process.env.REDIS_URL ? { database: 'up', redis: 'up' } : { database: 'up' },
        },
      });
  });

  it.each(['/api/v1/health/live', '/api/v1/health/ready', '/api/health/live', '/v1/health/live'])(
    'lives at the root only: GET %s → 404 NOT_FOUND',
    async (path) => {
      const response = await request(api.origin).get(path).expect(404);
      expect(response.body.error).toMatchObject({ code: 'NOT_FOUND', i18nKey: 'common.not_found' });
    },
  );

  it.each(['post', 'delete'] as const)('%s /health/live → 404 NOT_FOUND (GET only)', async (method) => {
    const response = await request(api.origin)[method]('/health/live').expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});

describe('health checks with Redis configured but unreachable', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, so every Redis command fails fast.
    api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => api?.close());

  it('live stays 200: the process itself is fine', async () => {
    await request(api.origin).get('/health/live').expect(200);
  });

  it('ready → 503 naming Redis, not the database', async () => {
    const response = await request(api.origin).get('/health/ready').expect(503);
    expect(response.body).toEqual({
      success: false,
      error: {
        code: 'common.service_unavailable',
        message: 'The service is temporarily unavailable. Try again shortly.',
        i18nKey: 'common.service_unavailable',
        details: [{ field: 'redis', message: 'redis is unreachable' }],
        correlationId: response.headers['x-correlation-id'],
      },
    });
  });
});
