/**
 * Webhook delivery as Stripe does it: every event goes to every registered endpoint as a signed POST,
 * retried with exponential backoff until the endpoint answers 2xx. Tests can hold deliveries back and
 * release them out of order or twice, send an event again, and wait until nothing is left to send.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, unixSeconds } from './clock.js';
import { type EventStore, UnknownEventError } from './events.js';
import { isPlainObject } from './json.js';
import { stripeSignatureHeader } from './signing.js';
import type { StripeEvent } from './stripe-objects.js';
import { postWebhook } from './webhook-transport.js';

export interface WebhookEndpoint {
  url: string;
  /** The endpoint's signing secret (`whsec_...`), the key of the `Stripe-Signature` HMAC. */
  secret: string;
}

export interface WebhookRetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Wait before the second attempt; every later wait doubles. */
  initialDelayMs: number;
}

/** Stripe keeps retrying for days; an emulator run is shorter, so five attempts over 15 s. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { attempts: 5, initialDelayMs: 1000 };

export interface WebhookDelivery {
  eventId: string;
  url: string;
  /** 1 for the first try of a delivery, 2, 3… for its retries. */
  attempt: number;
  /** Status answered; `null` when the connection failed or timed out. */
  status: number | null;
  /** Why the connection failed, when it did. */
  error?: string;
  /** When the attempt was sent, in milliseconds since the epoch from the emulator's clock. */
  at: number;
}

export interface ResumeOptions {
  /** `reverse` releases the held deliveries newest first (default `sent`: oldest first). */
  order?: 'sent' | 'reverse';
  /** Sends every held delivery twice in a row. */
  duplicate?: boolean;
}

export interface WebhookControls {
  /** Adds an endpoint, or replaces the secret of the one registered with the same URL. */
  register(endpoint: WebhookEndpoint): void;
  /** Removes an endpoint; `false` if none has that URL. Deliveries already queued for it still go out. */
  unregister(url: string): boolean;
  endpoints(): WebhookEndpoint[];
  /** Every attempt finished so far, in the order they finished. */
  deliveries(): WebhookDelivery[];
  /** Holds new deliveries (of new events and of redeliveries) back until `resume`. Retries go on. */
  pause(): void;
  /** Releases the held deliveries and stops holding new ones. */
  resume(options?: ResumeOptions): void;
  /** Sends an existing event again to every registered endpoint. */
  redeliver(eventId: string): void;
  /** Resolves once no delivery is queued, in flight or waiting to be retried. Held ones do not count. */
  idle(): Promise<void>;
}

export class InvalidWebhookOptionError extends Error {}

export function checkedWebhookEndpoint(value: unknown): WebhookEndpoint {
  const { url, secret } = isPlainObject(value) ? value : {};
  if (typeof url !== 'string' || !URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
    throw new InvalidWebhookOptionError('A webhook endpoint `url` must be an http(s) URL.');
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidWebhookOptionError(
      'A webhook endpoint `secret` must be a non-empty string (whsec_...).',
    );
  }
  return { url, secret };
}

function checkedRetryPolicy({ attempts, initialDelayMs }: WebhookRetryPolicy): WebhookRetryPolicy {
  if (!Number.isInteger(attempts) || attempts < 1 || !Number.isFinite(initialDelayMs) || initialDelayMs < 0) {
    throw new InvalidWebhookOptionError(
      '`webhookRetry` needs a positive integer `attempts` and a non-negative `initialDelayMs`.',
    );
  }
  return { attempts, initialDelayMs };
}

/** Reads the body of the resume control route; no body means the defaults. */
export function resumeOptionsFromJson(json: unknown): ResumeOptions {
  if (json === undefined) return {};
  if (!isPlainObject(json)) throw new InvalidWebhookOptionError('Resume options must be a JSON object.');
  const { order, duplicate } = json;
  if (order !== undefined && order !== 'sent' && order !== 'reverse') {
    throw new InvalidWebhookOptionError('`order` must be "sent" or "reverse".');
  }
  if (duplicate !== undefined && typeof duplicate !== 'boolean') {
    throw new InvalidWebhookOptionError('`duplicate` must be a boolean.');
  }
  return { order, duplicate };
}

interface Delivery {
  event: StripeEvent;
  /** As registered when the delivery was queued. */
  endpoint: WebhookEndpoint;
}

export interface WebhookDispatcherOptions {
  clock: Clock;
  events: EventStore;
  retry: WebhookRetryPolicy;
  /** Aborts deliveries in flight and pending retries when the emulator closes. */
  closing: AbortSignal;
}

export class WebhookDispatcher implements WebhookControls {
  private readonly registered = new Map<string, WebhookEndpoint>();
  private readonly finishedAttempts: WebhookDelivery[] = [];
  /** Defined while paused. */
  private held: Delivery[] | undefined;
  /** Per event, the URLs it has not yet reached: what its `pending_webhooks` counts. */
  private readonly unreached = new Map<string, Set<string>>();
  /**
   * Per endpoint URL, the end of the last queued first attempt. First attempts to one endpoint go out one
   * after the other, so a receiver sees deliveries in the order they were released.
   */
  private readonly lanes = new Map<string, Promise<void>>();
  private unfinished = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly retry: WebhookRetryPolicy;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.retry = checkedRetryPolicy(options.retry);
  }

  register(endpoint: WebhookEndpoint): void {
    const checked = checkedWebhookEndpoint(endpoint);
    this.registered.set(checked.url, checked);
  }

  unregister(url: string): boolean {
    return this.registered.delete(url);
  }

  endpoints(): WebhookEndpoint[] {
    return [...this.registered.values()].map((endpoint) => ({ ...endpoint }));
  }

  deliveries(): WebhookDelivery[] {
    return this.finishedAttempts.map((delivery) => ({ ...delivery }));
  }

  pause(): void {
    this.held ??= [];
  }

  resume({ order = 'sent', duplicate = false }: ResumeOptions = {}): void {
    const held = this.held ?? [];
    this.held = undefined;
    const ordered = order === 'reverse' ? held.reverse() : held;
    void this.send(duplicate ? ordered.flatMap((delivery) => [delivery, delivery]) : ordered);
  }

  redeliver(eventId: string): void {
    const event = this.options.events.get(eventId);
    if (!event) throw new UnknownEventError(`No such event: ${eventId}`);
    void this.send(this.endpoints().map((endpoint) => ({ event, endpoint })));
  }

  idle(): Promise<void> {
    if (this.unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Sends a new event to every registered endpoint and sets its `pending_webhooks`. Resolves once the first
   * attempt to each endpoint is over (at once while paused); retries go on in the background.
   */
  dispatch(event: StripeEvent): Promise<void> {
    const endpoints = this.endpoints();
    this.unreached.set(event.id, new Set(endpoints.map((endpoint) => endpoint.url)));
    event.pending_webhooks = endpoints.length;
    return this.send(endpoints.map((endpoint) => ({ event, endpoint })));
  }

  private send(deliveries: Delivery[]): Promise<void> {
    if (this.held) {
      this.held.push(...deliveries);
      return Promise.resolve();
    }
    return Promise.all(deliveries.map((delivery) => this.start(delivery))).then(() => undefined);
  }

  /** Queues the first attempt on the endpoint's lane; resolves when that attempt is over. */
  private start(delivery: Delivery): Promise<void> {
    this.unfinished += 1;
    const { url } = delivery.endpoint;
    const firstAttempt = (this.lanes.get(url) ?? Promise.resolve()).then(() => this.attempt(delivery, 1));
    const firstAttemptOver = firstAttempt.then(() => undefined);
    this.lanes.set(url, firstAttemptOver);
    void firstAttempt
      .then(async (delivered) => {
        if (!delivered) await this.retryWithBackoff(delivery);
      })
      .finally(() => this.settle());
    return firstAttemptOver;
  }

  private async retryWithBackoff(delivery: Delivery): Promise<void> {
    const { attempts, initialDelayMs } = this.retry;
    for (let attempt = 2; attempt <= attempts; attempt += 1) {
      try {
        await sleep(initialDelayMs * 2 ** (attempt - 2), undefined, { signal: this.options.closing });
      } catch {
        return; // the emulator is closing
      }
      if (await this.attempt(delivery, attempt)) return;
    }
  }

  /**
   * One POST, recorded. The body is serialised anew so that it carries the current `pending_webhooks`,
   * and signed with the current time, as Stripe signs every retry afresh. True when the endpoint answered
   * 2xx; never rejects.
   */
  private async attempt({ event, endpoint }: Delivery, attempt: number): Promise<boolean> {
    const { clock, closing } = this.options;
    if (closing.aborted) return false;
    const record: WebhookDelivery = {
      eventId: event.id,
      url: endpoint.url,
      attempt,
      status: null,
      at: clock(),
    };
    const body = JSON.stringify(event, null, 2);
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': stripeSignatureHeader(body, endpoint.secret, unixSeconds(clock)),
    };
    try {
      record.status = await postWebhook(endpoint.url, body, headers, closing);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.finishedAttempts.push(record);
    const delivered = record.status !== null && record.status >= 200 && record.status < 300;
    if (delivered) this.markReached(event, endpoint.url);
    return delivered;
  }

  private markReached(event: StripeEvent, url: string): void {
    const unreached = this.unreached.get(event.id);
    if (unreached?.delete(url)) event.pending_webhooks = unreached.size;
  }

  private settle(): void {
    this.unfinished -= 1;
    if (this.unfinished === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
