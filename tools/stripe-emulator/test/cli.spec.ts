import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CliUsageError, DEFAULT_PORT, main, parseCliArgs } from '../src/cli.js';
import { DEFAULT_API_VERSION, DEFAULT_HOST, DEFAULT_SECRET_KEY } from '../src/index.js';
import { callApi } from './support/http.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

describe('parseCliArgs', () => {
  it('has defaults for everything', () => {
    expect(parseCliArgs([])).toEqual({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      seedPath: undefined,
      secretKey: DEFAULT_SECRET_KEY,
      apiVersion: DEFAULT_API_VERSION,
      webhookEndpoints: [],
      webhookRetryScale: 1,
      latency: { baseMs: 0, jitterMs: 0 },
      help: false,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--seed',
        'seed.json',
        '--secret-key=sk_test_custom',
        '--webhook-url',
        'http://127.0.0.1:3000/webhooks/stripe',
        '--webhook-secret=whsec_one',
        '--webhook-url=https://hooks.example.com/stripe',
        '--webhook-secret',
        'whsec_two',
        '--webhook-retry-scale=0.001',
        '--api-version',
        '2026-07-29.dahlia',
        '--latency-ms',
        '40',
        '--latency-jitter-ms=15.5',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seedPath: 'seed.json',
      secretKey: 'sk_test_custom',
      apiVersion: '2026-07-29.dahlia',
      webhookEndpoints: [
        { url: 'http://127.0.0.1:3000/webhooks/stripe', secret: 'whsec_one' },
        { url: 'https://hooks.example.com/stripe', secret: 'whsec_two' },
      ],
      webhookRetryScale: 0.001,
      latency: { baseMs: 40, jitterMs: 15.5 },
      help: false,
    });
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', 'http']],
    [['--port', '70000']],
    [['--port', '1.5']],
    [['--verbose']],
    [['serve']],
    [['--secret-key=']],
    [['--webhook-url', 'http://127.0.0.1:3000/hooks']],
    [['--webhook-secret', 'whsec_alone']],
    [['--webhook-url', 'not a url', '--webhook-secret', 'whsec_x']],
    [['--latency-ms', 'fast']],
    [['--latency-jitter-ms', '-5']],
    [['--webhook-retry-scale', '']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
  });
});

describe('main', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'stripe-emulator-cli-'));
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  function capture() {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    return { output, text: () => text };
  }

  it('starts an emulator seeded from the file and says where it listens', async () => {
    const seedPath = join(directory, 'seed.json');
    await writeFile(
      seedPath,
      JSON.stringify({ accounts: [{ id: 'acct_1CliSeededAccount', type: 'express' }] }),
    );
    const { output, text } = capture();

    const emulator = await main(['--port', '0', '--seed', seedPath, '--secret-key', 'sk_test_cli'], output);
    try {
      expect(emulator).toBeDefined();
      expect(text()).toBe(`Stripe emulator listening on ${emulator?.url} (secret key sk_test_cli)\n`);
      const response = emulator && (await callApi(emulator, 'GET', '/v1/accounts/acct_1CliSeededAccount'));
      expect(response).toMatchObject({
        status: 200,
        body: { id: 'acct_1CliSeededAccount', details_submitted: true },
      });
    } finally {
      await emulator?.close();
    }
  });

  it('sends events to the endpoint given by --webhook-url, signed with --webhook-secret', async () => {
    const receiver = await startWebhookReceiver('whsec_cli');
    const { output, text } = capture();
    const emulator = await main(
      ['--port', '0', '--webhook-url', receiver.endpoint.url, '--webhook-secret', 'whsec_cli'],
      output,
    );
    try {
      expect(text()).toContain(`Sending webhooks to ${receiver.endpoint.url}\n`);
      const event = emulator?.accounts.update(emulator.accounts.seed({}).id, { email: 'cli@example.com' });
      await emulator?.webhooks.idle();
      expect(receiver.verifiedEvents().map(({ id }) => id)).toEqual([event?.id]);
    } finally {
      await emulator?.close();
      await receiver.close();
    }
  });

  it('delays every answer by --latency-ms plus up to --latency-jitter-ms', async () => {
    const emulator = await main(
      ['--port', '0', '--latency-ms', '5', '--latency-jitter-ms', '2'],
      new PassThrough(),
    );
    try {
      if (!emulator) throw new Error('The emulator did not start');
      await callApi(emulator, 'GET', '/v1/accounts/acct_1NotThere000000');
      const [request] = emulator.requests.list();
      expect(request?.latencyMs).toBeGreaterThanOrEqual(5);
      expect(request?.latencyMs).toBeLessThanOrEqual(7);
    } finally {
      await emulator?.close();
    }
  });

  it('prints usage for --help without starting', async () => {
    const { output, text } = capture();
    await expect(main(['--help'], output)).resolves.toBeUndefined();
    expect(text()).toContain('Usage: stripe-emulator');
  });

  it('reports a seed file that is not a valid seed', async () => {
    const seedPath = join(directory, 'bad-seed.json');
    await writeFile(seedPath, JSON.stringify({ accounts: [{ id: 42 }] }));
    await expect(main(['--port', '0', '--seed', seedPath], new PassThrough())).rejects.toThrow(
      `Cannot use seed file ${seedPath}: accounts[0].id must be a string starting with "acct_".`,
    );
  });
});
