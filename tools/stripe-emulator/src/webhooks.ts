/**
 * Webhook delivery as Stripe does it: every event goes to every endpoint listening to it as a signed POST,
 * rendered at the endpoint's API version, retried with Stripe's back-off until the endpoint answers 2xx.
 * Tests can hold deliveries back and release them out of order or twice, send an event again, and wait
 * until nothing is left to send.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { renderAtVersion } from './api-version.js';
import { type Clock, unixSeconds } from './clock.js';
import { EmulatorOptionError } from './errors.js';
import { type EventStore, UnknownEventError } from './events.js';
import { isPlainObject } from './json.js';
import { stripeSignatureHeader } from './signing.js';
import type { StripeEvent, WebhookEndpoint } from './stripe-objects.js';
import {
  checkedWebhookEndpointInput,
  type EndpointRecord,
  type WebhookEndpointInput,
  type WebhookEndpointStore,
} from './webhook-endpoints.js';
import { postWebhook } from './webhook-transport.js';

export interface WebhookRetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Wait before the second attempt; every later wait doubles. */
  initialDelayMs: number;
}

/**
 * Stripe's schedules: in test mode three retries over a few hours, in live mode exponential back-off for up
 * to three days. Stripe publishes no exact intervals; these double from 30 min (30 min, 1 h, 2 h) and from
 * 1 min (the twelfth retry lands about 68 h after the first attempt).
 */
export const STRIPE_RETRY_SCHEDULES = {
  test: { attempts: 4, initialDelayMs: 30 * 60_000 },
  live: { attempts: 13, initialDelayMs: 60_000 },
} as const satisfies Record<string, WebhookRetryPolicy>;

/** How deliveries are retried: Stripe's schedule for the key's mode unless given, every wait × `timeScale`. */
export interface WebhookRetryOptions extends Partial<WebhookRetryPolicy> {
  /** Multiplies every wait, so tests run Stripe's schedule in milliseconds (e.g. 1e-5: 30 min → 18 ms). */
  timeScale?: number;
}

export interface WebhookDelivery {
  eventId: string;
  endpointId: string;
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

/** A registered endpoint as the test controls show it: with its current secret. */
export type RegisteredEndpoint = WebhookEndpoint & { secret: string };

export interface WebhookControls {
  /**
   * Adds an endpoint as an operator would in the Dashboard. Unlike `POST /v1/webhook_endpoints`, `connect`
   * defaults to true and `enabled_events` to `['*']`: the endpoint of a Connect platform. An endpoint
   * registered before with the same URL is replaced.
   */
  register(endpoint: WebhookEndpointInput): RegisteredEndpoint;
  /** Removes the endpoints with this URL; `false` if there was none. Deliveries already under way stop. */
  unregister(url: string): boolean;
  endpoints(): RegisteredEndpoint[];
  /**
   * Rolls the signing secret of the endpoint with this id or URL. Until `expiresInSeconds` (default 24 h)
   * have passed, deliveries are signed with both secrets, as Stripe does; returns the endpoint with its new secret.
   */
  rollSecret(endpoint: string, options?: { expiresInSeconds?: number }): RegisteredEndpoint;
  /** Every attempt finished so far, in the order they finished. */
  deliveries(): WebhookDelivery[];
  /** Holds new deliveries (of new events and of redeliveries) back until `resume`. Retries go on. */
  pause(): void;
  /** Releases the held deliveries and stops holding new ones. */
  resume(options?: ResumeOptions): void;
  /** Sends an existing event again to every endpoint listening to it. */
  redeliver(eventId: string): void;
  /** Resolves once no delivery is queued, in flight or waiting to be retried. Held ones do not count. */
  idle(): Promise<void>;
}

export function checkedRetryOptions(options: WebhookRetryOptions, mode: 'test' | 'live'): WebhookRetryPolicy {
  const schedule = STRIPE_RETRY_SCHEDULES[mode];
  const { attempts = schedule.attempts, initialDelayMs = schedule.initialDelayMs, timeScale = 1 } = options;
  if (
    !Number.isInteger(attempts) ||
    attempts < 1 ||
    !Number.isFinite(initialDelayMs) ||
    initialDelayMs < 0 ||
    !Number.isFinite(timeScale) ||
    timeScale < 0
  ) {
    throw new EmulatorOptionError(
      '`webhookRetry` needs a positive integer `attempts`, and a non-negative `initialDelayMs` and `timeScale`.',
    );
  }
  return { attempts, initialDelayMs: initialDelayMs * timeScale };
}

/** The waits before the 2nd, 3rd… attempts: `initialDelayMs`, then doubling. */
export function retryDelaysMs({ attempts, initialDelayMs }: WebhookRetryPolicy): number[] {
  return Array.from({ length: attempts - 1 }, (_, retry) => initialDelayMs * 2 ** retry);
}

/** Reads the body of the resume control route; no body means the defaults. */
export function resumeOptionsFromJson(json: unknown): ResumeOptions {
  if (json === undefined) return {};
  if (!isPlainObject(json)) throw new EmulatorOptionError('Resume options must be a JSON object.');
  const { order, duplicate } = json;
  if (order !== undefined && order !== 'sent' && order !== 'reverse') {
    throw new EmulatorOptionError('`order` must be "sent" or "reverse".');
  }
  if (duplicate !== undefined && typeof duplicate !== 'boolean') {
    throw new EmulatorOptionError('`duplicate` must be a boolean.');
  }
  return { order, duplicate };
}

interface Delivery {
  event: StripeEvent;
  endpointId: string;
}

export interface WebhookDispatcherOptions {
  clock: Clock;
  events: EventStore;
  endpoints: WebhookEndpointStore;
  retry: WebhookRetryPolicy;
  /** The version events are rendered at for endpoints without one. */
  defaultApiVersion: string;
  /** Aborts deliveries in flight and pending retries when the emulator closes. */
  closing: AbortSignal;
}

const DAY_SECONDS = 24 * 60 * 60;

export class WebhookDispatcher implements WebhookControls {
  private readonly finishedAttempts: WebhookDelivery[] = [];
  /** Defined while paused. */
  private held: Delivery[] | undefined;
  /** Per event, the endpoints it has not yet reached: what its `pending_webhooks` counts. */
  private readonly unreached = new Map<string, Set<string>>();
  /**
   * Per endpoint, the end of the last queued first attempt. First attempts to one endpoint go out one after
   * the other, so a receiver sees deliveries in the order they were released.
   */
  private readonly lanes = new Map<string, Promise<void>>();
  private unfinished = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WebhookDispatcherOptions) {}

  register(input: WebhookEndpointInput): RegisteredEndpoint {
    const checked = checkedWebhookEndpointInput(input);
    this.unregister(checked.url);
    const { endpoints } = this.options;
    const created = endpoints.create({ connect: true, enabled_events: ['*'], ...checked });
    return endpoints.withSecret(endpoints.record(created.id));
  }

  unregister(url: string): boolean {
    const matching = this.options.endpoints.list().filter((record) => record.endpoint.url === url);
    for (const record of matching) this.options.endpoints.delete(record.endpoint.id);
    return matching.length > 0;
  }

  endpoints(): RegisteredEndpoint[] {
    const { endpoints } = this.options;
    return endpoints
      .list()
      .reverse()
      .map((record) => endpoints.withSecret(record));
  }

  rollSecret(idOrUrl: string, { expiresInSeconds = DAY_SECONDS }: { expiresInSeconds?: number } = {}) {
    const { endpoints, clock } = this.options;
    const record =
      endpoints.find(idOrUrl) ?? endpoints.list().find((candidate) => candidate.endpoint.url === idOrUrl);
    if (!record) throw new EmulatorOptionError(`No webhook endpoint ${idOrUrl}.`);
    endpoints.rollSecret(record.endpoint.id, clock() + expiresInSeconds * 1000);
    return endpoints.withSecret(record);
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
    void this.send(this.deliveriesOf(event));
  }

  idle(): Promise<void> {
    if (this.unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Sends a new event to every endpoint listening to it and sets its `pending_webhooks`. Resolves once the
   * first attempt to each endpoint is over (at once while paused); retries go on in the background.
   */
  dispatch(event: StripeEvent): Promise<void> {
    const deliveries = this.deliveriesOf(event);
    this.unreached.set(event.id, new Set(deliveries.map((delivery) => delivery.endpointId)));
    event.pending_webhooks = deliveries.length;
    return this.send(deliveries);
  }

  private deliveriesOf(event: StripeEvent): Delivery[] {
    return this.options.endpoints
      .receiversOf(event)
      .map((record) => ({ event, endpointId: record.endpoint.id }));
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
    const { endpointId } = delivery;
    const firstAttempt = (this.lanes.get(endpointId) ?? Promise.resolve()).then(() =>
      this.attempt(delivery, 1),
    );
    const firstAttemptOver = firstAttempt.then(() => undefined);
    this.lanes.set(endpointId, firstAttemptOver);
    void firstAttempt
      .then(async (finished) => {
        if (!finished) await this.retryWithBackoff(delivery);
      })
      .finally(() => this.settle());
    return firstAttemptOver;
  }

  private async retryWithBackoff(delivery: Delivery): Promise<void> {
    for (const [retry, delayMs] of retryDelaysMs(this.options.retry).entries()) {
      try {
        await sleep(delayMs, undefined, { signal: this.options.closing });
      } catch {
        return; // the emulator is closing
      }
      if (await this.attempt(delivery, retry + 2)) return;
    }
  }

  /**
   * One POST, recorded. The event is rendered anew for every attempt, at the endpoint's version and with the
   * current `pending_webhooks`, and signed with the current time and secrets, as Stripe signs every retry
   * afresh. True once nothing is left to send: the endpoint answered 2xx, or was deleted or disabled
   * meanwhile (Stripe retries no more then). Never rejects.
   */
  private async attempt({ event, endpointId }: Delivery, attempt: number): Promise<boolean> {
    const { clock, closing, endpoints, defaultApiVersion } = this.options;
    const record = endpoints.find(endpointId);
    if (closing.aborted || record?.endpoint.status !== 'enabled') return true;
    const version = record.endpoint.api_version ?? defaultApiVersion;
    const body = JSON.stringify(renderAtVersion({ ...event, api_version: version }, version), null, 2);
    const delivery: WebhookDelivery = {
      eventId: event.id,
      endpointId,
      url: record.endpoint.url,
      attempt,
      status: null,
      at: clock(),
    };
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': stripeSignatureHeader(body, endpoints.activeSecrets(record), unixSeconds(clock)),
    };
    try {
      delivery.status = await postWebhook(record.endpoint.url, body, headers, closing);
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.finishedAttempts.push(delivery);
    const delivered = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
    if (delivered) this.markReached(event, record);
    return delivered;
  }

  private markReached(event: StripeEvent, record: EndpointRecord): void {
    const unreached = this.unreached.get(event.id);
    if (unreached?.delete(record.endpoint.id)) event.pending_webhooks = unreached.size;
  }

  private settle(): void {
    this.unfinished -= 1;
    if (this.unfinished === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
