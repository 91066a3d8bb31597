import { runRefusedApiProcess } from '../support/api-process.js';

// A stack frame as V8 prints it: a refused start names the problem, not where in the bundle it was noticed.
const STACK_FRAME = /^\s+at .+/m;

/**
 * The built server (`node dist/server.mjs`) as an operator starts it: a dangerous setting stops it before it
 * listens, with exit code 1 and one message naming the variable.
 */
describe('start-up refuses dangerous settings', () => {
  it.each<[string, string, Record<string, string | undefined>]>([
    ['production, TRUST_PROXY=true', 'TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['production, TRUST_PROXY=0.0.0.0/0', 'TRUST_PROXY', { TRUST_PROXY: '0.0.0.0/0' }],
    ['production, no APP_URL', 'APP_URL', { APP_URL: undefined }],
    ['production, a PUBLIC_URL with a path', 'PUBLIC_URL', { PUBLIC_URL: 'https://api.bio.re/api' }],
    [
      'production, a live key over plain http',
      'STRIPE_API_BASE',
      { STRIPE_SECRET_KEY: 'sk_live_fake', STRIPE_API_BASE: 'http://127.0.0.1:9' },
    ],
    [
      'NODE_ENV unset, a server DATABASE_URL and no JWT_SECRET',
      'JWT_SECRET',
      { NODE_ENV: undefined, JWT_SECRET: undefined },
    ],
    [
      'NODE_ENV=test, a live Stripe key',
      'STRIPE_SECRET_KEY',
      { NODE_ENV: 'test', STRIPE_SECRET_KEY: 'sk_live_fake' },
    ],
  ])('%s → exit 1 naming %s, no stack', async (_case, variable, env) => {
    const { exit, output } = await runRefusedApiProcess(env);
    expect(exit.code, output).toBe(1);
    expect(output).toMatch(new RegExp(`^\\s*- ${variable}: `, 'm'));
    expect(output).not.toMatch(STACK_FRAME);
    expect(output).not.toContain('sk_live_fake');
  });
});
