/**
 * `stripe-emulator [--port N] [--host H] [--seed file.json] [--secret-key sk_test_...] [--api-version V]
 *   [--webhook-url URL --webhook-secret whsec_...]... [--webhook-retry-scale F]
 *   [--latency-ms N [--latency-jitter-ms N]]`
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_VERSION } from './api-version.js';
import { DEFAULT_HOST, DEFAULT_SECRET_KEY, type StripeEmulator, startStripeEmulator } from './emulator.js';
import { EmulatorOptionError } from './errors.js';
import type { Latency } from './latency.js';
import { loadSeedFile } from './seed.js';
import { checkedWebhookEndpointInput, type WebhookEndpointInput } from './webhook-endpoints.js';

/** The port stripe-mock made familiar for a local Stripe. */
export const DEFAULT_PORT = 12111;

export const USAGE = `Usage: stripe-emulator [options]

Options:
  --port <n>                   Port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host <address>             Interface to bind (default ${DEFAULT_HOST})
  --seed <file.json>           Accounts to start with: { "accounts": [ { "id": "acct_...", ... } ] }
  --secret-key <key>           Secret key clients must send (default ${DEFAULT_SECRET_KEY})
  --api-version <version>      The platform's default API version (default ${DEFAULT_API_VERSION})
  --webhook-url <url>          Connect endpoint to send every event to, signed with the --webhook-secret
  --webhook-secret <whsec_...> that follows it; repeat the pair for more endpoints
  --webhook-retry-scale <f>    Multiplies the waits of Stripe's retry schedule (e.g. 0.001; default 1)
  --latency-ms <n>             Delay every API answer by n ms (default 0)
  --latency-jitter-ms <n>      Plus a uniformly random share of n ms (default 0)
  -h, --help                   Show this help
`;

export class CliUsageError extends Error {}

export interface CliOptions {
  port: number;
  host: string;
  seedPath: string | undefined;
  secretKey: string;
  apiVersion: string;
  webhookEndpoints: WebhookEndpointInput[];
  webhookRetryScale: number;
  latency: Latency;
  help: boolean;
}

function nonNegativeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new CliUsageError(`${flag} must be a non-negative number, got "${value}".`);
  }
  return number;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: ReturnType<typeof parseEmulatorArgs>['values'];
  try {
    ({ values } = parseEmulatorArgs(argv));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliUsageError(`--port must be an integer between 0 and 65535, got "${values.port}".`);
  }
  if (values['secret-key'] === '') throw new CliUsageError('--secret-key cannot be empty.');
  return {
    port,
    host: values.host ?? DEFAULT_HOST,
    seedPath: values.seed,
    secretKey: values['secret-key'] ?? DEFAULT_SECRET_KEY,
    apiVersion: values['api-version'] ?? DEFAULT_API_VERSION,
    webhookEndpoints: pairWebhookFlags(values['webhook-url'] ?? [], values['webhook-secret'] ?? []),
    webhookRetryScale: nonNegativeNumber('--webhook-retry-scale', values['webhook-retry-scale'], 1),
    latency: {
      baseMs: nonNegativeNumber('--latency-ms', values['latency-ms'], 0),
      jitterMs: nonNegativeNumber('--latency-jitter-ms', values['latency-jitter-ms'], 0),
    },
    help: values.help ?? false,
  };
}

/** The n-th `--webhook-url` goes with the n-th `--webhook-secret`. */
function pairWebhookFlags(urls: string[], secrets: string[]): WebhookEndpointInput[] {
  if (urls.length !== secrets.length) {
    throw new CliUsageError('Give every --webhook-url a --webhook-secret, and the other way round.');
  }
  try {
    return urls.map((url, index) => checkedWebhookEndpointInput({ url, secret: secrets[index] }));
  } catch (error) {
    if (error instanceof EmulatorOptionError) throw new CliUsageError(error.message);
    throw error;
  }
}

function parseEmulatorArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'secret-key': { type: 'string' },
      'api-version': { type: 'string' },
      'webhook-url': { type: 'string', multiple: true },
      'webhook-secret': { type: 'string', multiple: true },
      'webhook-retry-scale': { type: 'string' },
      'latency-ms': { type: 'string' },
      'latency-jitter-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs the command; resolves with the running emulator, or `undefined` after printing help. */
export async function main(
  argv: readonly string[],
  output: NodeJS.WritableStream = process.stdout,
): Promise<StripeEmulator | undefined> {
  const options = parseCliArgs(argv);
  if (options.help) {
    output.write(USAGE);
    return undefined;
  }
  const seed = options.seedPath === undefined ? {} : await loadSeedFile(options.seedPath);
  const emulator = await startStripeEmulator({
    port: options.port,
    host: options.host,
    secretKey: options.secretKey,
    apiVersion: options.apiVersion,
    seed,
    webhookEndpoints: options.webhookEndpoints,
    webhookRetry: { timeScale: options.webhookRetryScale },
    latency: options.latency,
  });
  output.write(`Stripe emulator listening on ${emulator.url} (secret key ${emulator.secretKey})\n`);
  for (const { url } of options.webhookEndpoints) output.write(`Sending webhooks to ${url}\n`);
  return emulator;
}
