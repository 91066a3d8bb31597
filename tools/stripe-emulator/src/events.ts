/** The events Stripe records when an object changes, kept for `GET /v1/events/{id}` and for webhooks. */
import { isDeepStrictEqual } from 'node:util';
import { type Clock, unixSeconds } from './clock.js';
import { newId } from './ids.js';
import type { Account, AccountUpdatedEvent, StripeEvent } from './stripe-objects.js';

/** Events are rendered in the API version of the spec the emulator's objects follow. */
export const EVENT_API_VERSION = '2026-07-29.dahlia';

export class UnknownEventError extends Error {}

/**
 * The previous values of the top-level fields that differ. A changed nested object is given whole, which
 * is a superset of Stripe's nested diff: readers of `previous_attributes.requirements.disabled_reason` get
 * the same answer.
 */
export function previousAttributes<T extends object>(before: T, after: T): Partial<T> {
  const changed = (Object.keys(before) as (keyof T)[]).filter(
    (key) => !isDeepStrictEqual(before[key], after[key]),
  );
  return Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>;
}

export class EventStore {
  private readonly events = new Map<string, StripeEvent>();

  constructor(private readonly clock: Clock) {}

  /**
   * Records `account.updated` with snapshots of the account, so later changes do not alter it.
   * `request` is null-valued: the changes come from the hosted page or a test, not from an API call.
   */
  recordAccountUpdated(before: Account, after: Account): AccountUpdatedEvent {
    const event: AccountUpdatedEvent = {
      id: newId.event(),
      object: 'event',
      account: after.id,
      api_version: EVENT_API_VERSION,
      created: unixSeconds(this.clock),
      data: {
        object: structuredClone(after),
        previous_attributes: structuredClone(previousAttributes(before, after)),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type: 'account.updated',
    };
    this.events.set(event.id, event);
    return event;
  }

  get(id: string): StripeEvent | undefined {
    return this.events.get(id);
  }

  list(): StripeEvent[] {
    return [...this.events.values()];
  }
}
