/**
 * Webhook endpoints as Stripe keeps them: a URL, the events it listens to, the API version events are
 * rendered at, whether it listens to the platform or to connected accounts, and signing secrets.
 */

import { type Clock, unixSeconds } from './clock.js';
import { EmulatorOptionError } from './errors.js';
import { newId } from './ids.js';
import { isPlainObject } from './json.js';
import type { StripeEvent, WebhookEndpoint } from './stripe-objects.js';

/** An endpoint as tests and the CLI register it; through Stripe's API the same fields come as parameters. */
export interface WebhookEndpointInput {
  url: string;
  /** The signing secret (`whsec_...`); one is generated when omitted. */
  secret?: string;
  /** Event types, or `['*']` for all. */
  enabled_events?: string[];
  /** True: events of connected accounts (they carry `account`); false: the platform's own events. */
  connect?: boolean;
  /** The version events are rendered at; the platform's default version when null. */
  api_version?: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
}

interface SigningSecret {
  secret: string;
  /** When a rolled secret stops being used, in milliseconds since the epoch; null while current. */
  expiresAt: number | null;
}

export interface EndpointRecord {
  /** The object as Stripe returns it, without its secret. */
  endpoint: WebhookEndpoint;
  connect: boolean;
  /** Newest first; more than one while a rolled secret has not expired. */
  secrets: SigningSecret[];
}

export class UnknownWebhookEndpointError extends Error {}

function isHttpUrl(value: unknown): value is string {
  return (
    typeof value === 'string' && URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol)
  );
}

/** Checks an endpoint given as JSON (control route) or by untyped code. */
export function checkedWebhookEndpointInput(value: unknown): WebhookEndpointInput {
  const input = isPlainObject(value) ? value : {};
  const { url, secret, enabled_events, connect, api_version } = input;
  if (!isHttpUrl(url)) throw new EmulatorOptionError('A webhook endpoint `url` must be an http(s) URL.');
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    throw new EmulatorOptionError('A webhook endpoint `secret` must be a non-empty string (whsec_...).');
  }
  const isStringList =
    Array.isArray(enabled_events) && enabled_events.every((type) => typeof type === 'string');
  if (enabled_events !== undefined && !isStringList) {
    throw new EmulatorOptionError('`enabled_events` must be a list of event types, or ["*"].');
  }
  if (connect !== undefined && typeof connect !== 'boolean') {
    throw new EmulatorOptionError('`connect` must be a boolean.');
  }
  if (api_version !== undefined && api_version !== null && typeof api_version !== 'string') {
    throw new EmulatorOptionError('`api_version` must be a string.');
  }
  return input as unknown as WebhookEndpointInput;
}

function listensTo(record: EndpointRecord, event: StripeEvent): boolean {
  const { endpoint } = record;
  return (
    endpoint.status === 'enabled' &&
    record.connect === (event.account !== undefined) &&
    (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(event.type))
  );
}

export class WebhookEndpointStore {
  private readonly records = new Map<string, EndpointRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly livemode: boolean,
  ) {}

  /** Adds an endpoint; the answer carries its secret, which Stripe shows only now. */
  create(input: WebhookEndpointInput): WebhookEndpoint {
    const secret = input.secret ?? newId.webhookSecret();
    const record: EndpointRecord = {
      endpoint: {
        id: newId.webhookEndpoint(),
        object: 'webhook_endpoint',
        api_version: input.api_version ?? null,
        application: null,
        created: unixSeconds(this.clock),
        description: input.description ?? null,
        enabled_events: input.enabled_events ?? ['*'],
        livemode: this.livemode,
        metadata: input.metadata ?? {},
        status: 'enabled',
        url: input.url,
      },
      connect: input.connect ?? false,
      secrets: [{ secret, expiresAt: null }],
    };
    this.records.set(record.endpoint.id, record);
    return { ...structuredClone(record.endpoint), secret };
  }

  record(id: string): EndpointRecord {
    const record = this.records.get(id);
    if (!record) throw new UnknownWebhookEndpointError(`No such webhook endpoint: '${id}'`);
    return record;
  }

  find(id: string): EndpointRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first, as `GET /v1/webhook_endpoints` lists them. */
  list(): EndpointRecord[] {
    return [...this.records.values()].reverse();
  }

  update(id: string, change: Partial<Omit<WebhookEndpoint, 'id' | 'object'>>): WebhookEndpoint {
    const record = this.record(id);
    record.endpoint = { ...record.endpoint, ...change };
    return structuredClone(record.endpoint);
  }

  delete(id: string): void {
    this.record(id);
    this.records.delete(id);
  }

  /**
   * Replaces the signing secret; the old one keeps signing too until `expiresAt` (ms), so a platform that
   * rotates its configured secret loses no delivery.
   */
  rollSecret(id: string, expiresAt: number): string {
    const record = this.record(id);
    const secret = newId.webhookSecret();
    record.secrets = [
      { secret, expiresAt: null },
      ...record.secrets.map((old) => ({ ...old, expiresAt: old.expiresAt ?? expiresAt })),
    ];
    return secret;
  }

  /** The secrets a delivery made now is signed with, newest first. */
  activeSecrets(record: EndpointRecord): string[] {
    const now = this.clock();
    record.secrets = record.secrets.filter(({ expiresAt }) => expiresAt === null || expiresAt > now);
    return record.secrets.map(({ secret }) => secret);
  }

  /** The endpoints an event goes to: enabled ones listening to its type, on its side (platform or Connect). */
  receiversOf(event: StripeEvent): EndpointRecord[] {
    return [...this.records.values()].filter((record) => listensTo(record, event));
  }

  /** The endpoint with its current secret, for tests and the control routes. */
  withSecret(record: EndpointRecord): WebhookEndpoint & { secret: string } {
    return { ...structuredClone(record.endpoint), secret: record.secrets[0]?.secret ?? '' };
  }
}
