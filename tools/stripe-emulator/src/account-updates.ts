/**
 * Changing a connected account the way Stripe reports it: the change itself, an `account.updated` event,
 * and the event's delivery to the webhook endpoints. The hosted onboarding page, the `accounts.update`
 * control and its control route all go through here.
 */
import type { AccountChange } from './accounts.js';
import type { EmulatorState } from './state.js';
import type { AccountUpdatedEvent } from './stripe-objects.js';

export interface AccountUpdate {
  event: AccountUpdatedEvent;
  /** Settles once the first attempt to each webhook endpoint is over; retries go on after it. */
  firstDeliveryAttempts: Promise<void>;
}

/**
 * Every change emits `account.updated`, even one that leaves the account as it was (its
 * `previous_attributes` is then empty): a test that asks for a change waits for the event.
 */
export function updateAccount(state: EmulatorState, accountId: string, change: AccountChange): AccountUpdate {
  const { before, after } = state.accounts.update(accountId, change);
  const event = state.events.recordAccountUpdated(before, after);
  return { event, firstDeliveryAttempts: state.webhooks.dispatch(event) };
}
