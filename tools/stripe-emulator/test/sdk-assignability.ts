/**
 * Type-level test: each emulator type is assignable to the `stripe` package's type for the same object.
 * It has no runtime part; `tsc --noEmit` (the package's `typecheck`) fails on any field missing or typed
 * otherwise than the SDK says.
 */
import type Stripe from 'stripe';
import type {
  Account,
  AccountLink,
  Application,
  BankAccount,
  Capability,
  DeletedObject,
  EventOf,
  LoginLink,
  Payout,
  Person,
  StripeEvent,
  WebhookEndpoint,
} from '../src/index.js';

/** Compiles only when `Emulator` is assignable to `Sdk`. */
type AssignableTo<Sdk, Emulator extends Sdk> = Emulator;

export type EmulatorObjectsFitTheSdk = [
  AssignableTo<Stripe.Account, Account>,
  AssignableTo<Stripe.AccountLink, AccountLink>,
  AssignableTo<Stripe.LoginLink, LoginLink>,
  AssignableTo<Stripe.Capability, Capability>,
  AssignableTo<Stripe.BankAccount, BankAccount>,
  AssignableTo<Stripe.Payout, Payout>,
  AssignableTo<Stripe.Person, Person>,
  AssignableTo<Stripe.Application, Application>,
  AssignableTo<Stripe.WebhookEndpoint, WebhookEndpoint>,
  AssignableTo<Stripe.DeletedAccount, DeletedObject<'account'>>,
  AssignableTo<Stripe.DeletedWebhookEndpoint, DeletedObject<'webhook_endpoint'>>,
  AssignableTo<Stripe.AccountUpdatedEvent, EventOf<'account.updated'>>,
  AssignableTo<Stripe.AccountApplicationDeauthorizedEvent, EventOf<'account.application.deauthorized'>>,
  AssignableTo<Stripe.AccountExternalAccountCreatedEvent, EventOf<'account.external_account.created'>>,
  AssignableTo<Stripe.AccountExternalAccountUpdatedEvent, EventOf<'account.external_account.updated'>>,
  AssignableTo<Stripe.AccountExternalAccountDeletedEvent, EventOf<'account.external_account.deleted'>>,
  AssignableTo<Stripe.CapabilityUpdatedEvent, EventOf<'capability.updated'>>,
  AssignableTo<Stripe.PayoutCreatedEvent, EventOf<'payout.created'>>,
  AssignableTo<Stripe.PayoutPaidEvent, EventOf<'payout.paid'>>,
  AssignableTo<Stripe.PayoutFailedEvent, EventOf<'payout.failed'>>,
  AssignableTo<Stripe.PersonUpdatedEvent, EventOf<'person.updated'>>,
  AssignableTo<Stripe.Event, StripeEvent>,
];
