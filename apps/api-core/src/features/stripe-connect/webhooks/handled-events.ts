/**
 * The event types the API acts on: exactly what the Connect webhook endpoint must enable (README: "Stripe webhook
 * endpoint", which a test holds to this list; the development module registers the emulator's endpoint with it).
 */
export const HANDLED_STRIPE_EVENTS = [
  'account.updated',
  'account.application.deauthorized',
  'account.external_account.created',
  'account.external_account.updated',
  'account.external_account.deleted',
  'payout.failed',
] as const;

export type HandledStripeEvent = (typeof HANDLED_STRIPE_EVENTS)[number];

export function isHandledStripeEvent(type: string): type is HandledStripeEvent {
  return (HANDLED_STRIPE_EVENTS as readonly string[]).includes(type);
}
