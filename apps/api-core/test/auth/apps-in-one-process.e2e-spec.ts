import { accessTokenFor, createUser } from '../support/fixtures.js';
import { readEnvelope } from '../support/http.js';
import { startTestApi } from '../support/test-api.js';

const ROUTE = '/api/v1/creators/stripe-connect/dashboard-link';

// passport keeps one strategy per name for the whole process, and tests run several apps in one process.
describe('two apps in one process', () => {
  it('an app that closes gives the JWT strategy back to the app still running', async () => {
    const running = await startTestApi();
    try {
      const fan = await createUser(running.prisma);
      // Another key: while this app's strategy verified the running app's tokens, they were all refused.
      const other = await startTestApi({ JWT_SECRET: 'another-app-secret-of-at-least-32-characters' });
      await other.close();
      const response = await fetch(running.origin + ROUTE, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessTokenFor(fan.id)}` },
      });
      const { error } = await readEnvelope(response);
      expect([response.status, error?.code]).toEqual([404, 'creator.stripe.not_creator']);
    } finally {
      await running.close();
    }
  });
});
