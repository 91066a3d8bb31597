/** The Stripe API endpoints the emulator implements. */
import { stripeErrors } from './errors.js';
import type { FormObject } from './form.js';
import { HOSTED_PAGE_PATHS } from './pages.js';
import {
  boolean,
  hash,
  ignored,
  list,
  mapOf,
  oneOf,
  type Param,
  refine,
  required,
  string,
  url,
} from './params.js';
import { fillPattern, type RoutePattern } from './routing.js';
import type { EmulatorState } from './state.js';
import type { Account, AccountLink, LoginLink, StripeEvent } from './stripe-objects.js';

export interface ApiRequest {
  state: EmulatorState;
  /** The secret key the request authenticated with. */
  apiKey: string;
  pathParams: Record<string, string>;
}

export interface ApiRoute extends RoutePattern {
  /**
   * Checks the parameters, throwing Stripe's 400s, and returns the operation itself. The split matters
   * for idempotency: Stripe stores no result for a request whose parameters failed validation.
   */
  prepare(params: FormObject, request: ApiRequest): () => unknown;
}

function apiRoute<P>(
  method: string,
  pattern: string,
  params: Param<P>,
  handle: (params: P, request: ApiRequest) => unknown,
): ApiRoute {
  return {
    method,
    pattern,
    prepare: (rawParams, request) => {
      const parsed = params.parse(rawParams, '');
      return () => handle(parsed, request);
    },
  };
}

const expand = list(string());

const createAccountParams = refine(
  hash({
    account_token: ignored(),
    bank_account: ignored(),
    business_profile: hash({
      annual_revenue: ignored(),
      estimated_worker_count: ignored(),
      mcc: string(),
      minority_owned_business_designation: ignored(),
      monthly_estimated_revenue: ignored(),
      name: string(),
      product_description: string(),
      support_address: ignored(),
      support_email: string(),
      support_phone: string(),
      support_url: string(),
      url: string(),
    }),
    business_type: oneOf('company', 'government_entity', 'individual', 'non_profit'),
    capabilities: mapOf(hash({ requested: boolean() })),
    company: ignored(),
    controller: hash({
      fees: hash({ payer: oneOf('account', 'application') }),
      losses: hash({ payments: oneOf('application', 'stripe') }),
      requirement_collection: oneOf('application', 'stripe'),
      stripe_dashboard: hash({ type: oneOf('express', 'full', 'none') }),
    }),
    country: string(),
    default_currency: string(),
    documents: ignored(),
    email: string(),
    expand,
    external_account: ignored(),
    groups: ignored(),
    individual: ignored(),
    metadata: mapOf(string()),
    settings: ignored(),
    tos_acceptance: ignored(),
    type: oneOf('custom', 'express', 'standard'),
  }),
  (params) => {
    if (params.type !== undefined && params.controller !== undefined) {
      throw stripeErrors.parameterInvalid(
        'controller',
        'You may only specify one of these parameters: type, controller.',
      );
    }
  },
);

const createAccountLinkParams = hash({
  account: required(string()),
  collect: oneOf('currently_due', 'eventually_due'),
  collection_options: hash({
    fields: oneOf('currently_due', 'eventually_due'),
    future_requirements: oneOf('include', 'omit'),
  }),
  expand,
  refresh_url: url(),
  return_url: url(),
  type: required(oneOf('account_onboarding', 'account_update')),
});

const expandOnly = hash({ expand });

function requireAccount({ state, apiKey }: ApiRequest, accountId: string, param?: string): Account {
  const account = state.accounts.get(accountId);
  if (!account) throw stripeErrors.accountInvalid(apiKey, accountId, param);
  return account;
}

function hostedPageUrl(state: EmulatorState, pattern: string, account: string, token: string): string {
  return `${state.origin}${fillPattern(pattern, { account, token })}`;
}

export const apiRoutes: readonly ApiRoute[] = [
  apiRoute('POST', '/v1/accounts', createAccountParams, (params, { state }): Account => {
    const { capabilities = {} } = params;
    return state.accounts.create({
      type: params.type,
      controller: params.controller,
      country: params.country,
      default_currency: params.default_currency,
      email: params.email,
      business_type: params.business_type,
      business_profile: params.business_profile,
      requested_capabilities: Object.keys(capabilities).filter((name) => capabilities[name]?.requested),
      metadata: params.metadata,
    });
  }),

  apiRoute(
    'GET',
    '/v1/accounts/:account',
    expandOnly,
    (_params, request): Account => requireAccount(request, request.pathParams.account ?? ''),
  ),

  apiRoute('POST', '/v1/account_links', createAccountLinkParams, (params, request): AccountLink => {
    const account = requireAccount(request, params.account, 'account');
    if (params.type === 'account_update' && account.controller.requirement_collection !== 'application') {
      throw stripeErrors.accountUpdateLinkNotAllowed();
    }
    const link = request.state.accountLinks.issue(account.id, {
      type: params.type,
      refresh_url: params.refresh_url,
      return_url: params.return_url,
    });
    return {
      object: 'account_link',
      created: link.created,
      expires_at: link.expiresAt,
      url: hostedPageUrl(request.state, HOSTED_PAGE_PATHS.accountOnboarding, account.id, link.token),
    };
  }),

  apiRoute('POST', '/v1/accounts/:account/login_links', expandOnly, (_params, request): LoginLink => {
    const account = requireAccount(request, request.pathParams.account ?? '');
    if (account.controller.stripe_dashboard.type !== 'express') {
      throw stripeErrors.loginLinkRequiresExpressDashboard(account.id);
    }
    if (!account.details_submitted) throw stripeErrors.loginLinkRequiresOnboarding(account.id);
    const link = request.state.loginLinks.issue(account.id, null);
    return {
      object: 'login_link',
      created: link.created,
      url: hostedPageUrl(request.state, HOSTED_PAGE_PATHS.expressDashboard, account.id, link.token),
    };
  }),

  apiRoute('GET', '/v1/events/:id', expandOnly, (_params, { state, pathParams }): StripeEvent => {
    const eventId = pathParams.id ?? '';
    const event = state.events.get(eventId);
    if (!event) throw stripeErrors.noSuchEvent(eventId);
    return event;
  }),
];
