/** The events Stripe records when an object changes, kept for `GET /v1/events` and for webhooks. */
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import { jsonEqual } from './json.js';
import { matchesTime } from './pagination.js';
import type { TimeFilter } from './params.js';
import type { EventObjects, EventOf, EventType, StripeEvent } from './stripe-objects.js';

export class UnknownEventError extends Error {}

/** What an event says, before the store gives it an id, a time and a version. */
export interface EventDraft<T extends EventType = EventType> {
  type: T;
  object: EventObjects[T];
  previous_attributes?: Partial<EventObjects[T]>;
  /** The connected account it happened on; none for the platform's own objects. */
  account?: string;
}

/** The API request that caused a change, as events name it. */
export interface EventCause {
  id: string | null;
  idempotency_key: string | null;
}

export const NO_REQUEST: EventCause = { id: null, idempotency_key: null };

export interface EventQuery {
  /** The connected account whose events to list (`Stripe-Account`); the platform's own when undefined. */
  account: string | undefined;
  /** One type, or a group with `*` (`account.*`). */
  type?: string;
  types?: string[];
  created?: TimeFilter;
  /** True: delivered to every endpoint; false: still pending for at least one. */
  delivery_success?: boolean;
}

/**
 * The previous values of the top-level fields that differ. A changed nested object is given whole, which
 * is a superset of Stripe's nested diff: readers of `previous_attributes.requirements.disabled_reason` get
 * the same answer.
 */
export function previousAttributes<T extends object>(
  before: T,
  after: T,
  ignored: readonly (keyof T)[] = [],
): Partial<T> {
  const changed = (Object.keys(before) as (keyof T)[]).filter(
    (key) => !ignored.includes(key) && !jsonEqual(before[key], after[key]),
  );
  return Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>;
}

function typeMatches(type: string, pattern: string): boolean {
  if (!pattern.includes('*')) return type === pattern;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`).test(type);
}

export class EventStore {
  private readonly events = new Map<string, StripeEvent>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { livemode: boolean; apiVersion: string },
  ) {}

  /** Records an event with snapshots of its objects, so later changes do not alter it. */
  record<T extends EventType>(draft: EventDraft<T>, cause: EventCause): EventOf<T> {
    const event: EventOf<T> = {
      id: newId.event(),
      object: 'event',
      ...(draft.account === undefined ? {} : { account: draft.account }),
      api_version: this.options.apiVersion,
      created: unixSeconds(this.clock),
      data: {
        object: structuredClone(draft.object),
        ...(draft.previous_attributes === undefined
          ? {}
          : { previous_attributes: structuredClone(draft.previous_attributes) }),
      },
      livemode: this.options.livemode,
      pending_webhooks: 0,
      request: { ...cause },
      type: draft.type,
    };
    this.events.set(event.id, event as StripeEvent);
    return event;
  }

  get(id: string): StripeEvent | undefined {
    return this.events.get(id);
  }

  /** Every event, oldest first. */
  list(): StripeEvent[] {
    return [...this.events.values()];
  }

  /** The events `GET /v1/events` lists for `query`, newest first. */
  query({ account, type, types, created, delivery_success }: EventQuery): StripeEvent[] {
    return this.list()
      .filter(
        (event) =>
          event.account === account &&
          (type === undefined || typeMatches(event.type, type)) &&
          (types === undefined || types.includes(event.type)) &&
          matchesTime(event.created, created) &&
          (delivery_success === undefined || (event.pending_webhooks === 0) === delivery_success),
      )
      .reverse();
  }
}
