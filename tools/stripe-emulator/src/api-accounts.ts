/** Connected accounts, their capabilities, and the links that let their holders onboard and log in. */
import { applyAccountState } from './account-states.js';
import { CAPABILITY_NAMES, capabilityOf, isCapabilityName } from './account-views.js';
import type { AccountRecord } from './accounts.js';
import { type ApiRequest, type ApiRoute, apiRoute, expand, requireAccount } from './api-route.js';
import { namesPlatformRejections, renderAtVersion } from './api-version.js';
import { unixSeconds } from './clock.js';
import { changeAccount } from './connect-changes.js';
import { stripeErrors } from './errors.js';
import { HOSTED_PAGE_PATHS } from './hosted-page.js';
import { matchesTime, paginate, paginationParams } from './pagination.js';
import { boolean, hash, ignored, mapOf, oneOf, refine, required, string, timeFilter, url } from './params.js';
import { fillPattern } from './routing.js';
import type { AccountLinkCollection, EmulatorState } from './state.js';
import type {
  Account,
  AccountLink,
  ApiList,
  Capability,
  CapabilityName,
  DeletedObject,
  LoginLink,
} from './stripe-objects.js';

const accounts = {
  read: { resource: 'accounts', access: 'read' },
  write: { resource: 'accounts', access: 'write' },
} as const;

/** Accounts render at the request's version (older versions name platform rejections differently). */
const rendered = (request: ApiRequest, account: Account): Account =>
  renderAtVersion(account, request.apiVersion);

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
      specified_commercial_transactions_act_url: string(),
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
      throw stripeErrors.exclusiveParameters('type', 'controller');
    }
    const unmodelled = Object.keys(params.capabilities ?? {}).find((name) => !isCapabilityName(name));
    if (unmodelled !== undefined) {
      throw stripeErrors.parameterInvalid(
        `capabilities[${unmodelled}]`,
        `The Stripe emulator models only the ${CAPABILITY_NAMES.join(' and ')} capabilities.`,
      );
    }
  },
);

const collectionFields = oneOf('currently_due', 'eventually_due');

const createAccountLinkParams = refine(
  hash({
    account: required(string()),
    collect: collectionFields,
    collection_options: hash({
      fields: collectionFields,
      future_requirements: oneOf('include', 'omit'),
    }),
    expand,
    refresh_url: url(),
    return_url: url(),
    type: required(oneOf('account_onboarding', 'account_update')),
  }),
  (params) => {
    if (params.collect !== undefined && params.collection_options !== undefined) {
      throw stripeErrors.exclusiveParameters('collect', 'collection_options');
    }
  },
);

const listAccountsParams = hash({ created: timeFilter(), expand, ...paginationParams });
const expandOnly = hash({ expand });

/** The reasons `reject` takes; 2026-09-30.endive replaced `fraud` with the `fraud_*` reasons and added `credit`. */
const REJECT_REASONS = {
  current: [
    'credit',
    'fraud_no_intent_to_fulfill',
    'fraud_other',
    'fraud_payment_method_casher',
    'fraud_payment_method_tester',
    'other',
    'terms_of_service',
  ],
  legacy: ['fraud', 'other', 'terms_of_service'],
} as const;

/** The platform rejected the account: `rejected.platform_*` (rendered `rejected.*` before 2026-09-30). */
function rejectionReason(reason: string) {
  if (reason.startsWith('fraud')) return 'rejected.platform_fraud' as const;
  if (reason === 'terms_of_service') return 'rejected.platform_terms_of_service' as const;
  return 'rejected.platform_other' as const;
}

function rejectParams(version: string) {
  const reasons = namesPlatformRejections(version) ? REJECT_REASONS.current : REJECT_REASONS.legacy;
  return hash({
    expand,
    payouts_action: oneOf('none', 'pause'),
    reason: required(oneOf(...reasons)),
  });
}

function hostedPageUrl(state: EmulatorState, pattern: string, account: string, token: string): string {
  return `${state.origin}${fillPattern(pattern, { account, token })}`;
}

function requireCapability(request: ApiRequest): CapabilityName {
  const name = request.pathParams.capability ?? '';
  if (!isCapabilityName(name)) throw stripeErrors.noSuchObject('capability', name, 'capability');
  return name;
}

function capabilityList(request: ApiRequest, accountId: string): ApiList<Capability> {
  const record = request.state.accounts.record(accountId);
  return {
    object: 'list',
    data: CAPABILITY_NAMES.map((name) => renderAtVersion(capabilityOf(record, name), request.apiVersion)),
    has_more: false,
    url: `/v1/accounts/${accountId}/capabilities`,
  };
}

export const accountRoutes: readonly ApiRoute[] = [
  apiRoute('POST', '/v1/accounts', accounts.write, createAccountParams, (params, request): Account => {
    const { capabilities } = params;
    const created = request.state.accounts.create({
      type: params.type,
      controller: params.controller,
      country: params.country,
      default_currency: params.default_currency,
      email: params.email,
      business_type: params.business_type,
      business_profile: params.business_profile,
      requested_capabilities:
        capabilities === undefined
          ? undefined
          : (Object.keys(capabilities) as CapabilityName[]).filter((name) => capabilities[name]?.requested),
      metadata: params.metadata,
    });
    return rendered(request, created);
  }),

  apiRoute('GET', '/v1/accounts', accounts.read, listAccountsParams, (params, request): ApiList<Account> => {
    const listed = request.state.accounts
      .list()
      .filter((account) => matchesTime(account.created, params.created));
    const page = paginate(listed, params, '/v1/accounts', 'account');
    return { ...page, data: page.data.map((account) => rendered(request, account)) };
  }),

  apiRoute(
    'GET',
    '/v1/accounts/:account',
    accounts.read,
    expandOnly,
    (_params, request): Account =>
      rendered(request, requireAccount(request, request.pathParams.account ?? '')),
  ),

  apiRoute(
    'DELETE',
    '/v1/accounts/:account',
    accounts.write,
    hash({}),
    (_params, request): DeletedObject<'account'> => {
      const { id } = requireAccount(request, request.pathParams.account ?? '');
      const { state } = request;
      state.accounts.save({ ...state.accounts.record(id), connection: 'deleted' });
      return { id, object: 'account', deleted: true };
    },
  ),

  apiRoute(
    'POST',
    '/v1/accounts/:account/reject',
    accounts.write,
    (request) => rejectParams(request.apiVersion),
    (params, request): Account => {
      const account = requireAccount(request, request.pathParams.account ?? '');
      if (account.controller.losses.payments !== 'application')
        throw stripeErrors.rejectNotAllowed(account.id);
      const { state } = request;
      const now = unixSeconds(state.clock);
      changeAccount(
        state,
        account.id,
        (record) => {
          const rejected = applyAccountState(record.account, rejectionReason(params.reason), {}, now);
          const payoutsEnabled = params.payouts_action === 'none' ? record.account.payouts_enabled : false;
          return { ...record, account: { ...rejected, payouts_enabled: payoutsEnabled } };
        },
        request.cause,
      );
      return rendered(request, requireAccount(request, account.id));
    },
  ),

  apiRoute(
    'GET',
    '/v1/accounts/:account/capabilities',
    accounts.read,
    expandOnly,
    (_params, request): ApiList<Capability> =>
      capabilityList(request, requireAccount(request, request.pathParams.account ?? '').id),
  ),

  apiRoute(
    'GET',
    '/v1/accounts/:account/capabilities/:capability',
    accounts.read,
    expandOnly,
    (_params, request): Capability => {
      const { id } = requireAccount(request, request.pathParams.account ?? '');
      const record = request.state.accounts.record(id);
      return renderAtVersion(capabilityOf(record, requireCapability(request)), request.apiVersion);
    },
  ),

  apiRoute(
    'POST',
    '/v1/accounts/:account/capabilities/:capability',
    accounts.write,
    hash({ expand, requested: boolean() }),
    (params, request): Capability => {
      const { id } = requireAccount(request, request.pathParams.account ?? '');
      const name = requireCapability(request);
      const { state } = request;
      if (params.requested !== undefined) {
        changeAccount(
          state,
          id,
          (record) => requestCapability(state, record, name, params.requested ?? false),
          request.cause,
        );
      }
      return renderAtVersion(capabilityOf(state.accounts.record(id), name), request.apiVersion);
    },
  ),

  apiRoute(
    'POST',
    '/v1/account_links',
    { resource: 'account_links', access: 'write' },
    createAccountLinkParams,
    (params, request): AccountLink => {
      const account = requireAccount(request, params.account, 'account');
      if (params.type === 'account_update' && account.controller.requirement_collection !== 'application') {
        throw stripeErrors.accountUpdateLinkNotAllowed();
      }
      const collection: AccountLinkCollection = {
        fields: params.collection_options?.fields ?? params.collect ?? 'currently_due',
        future_requirements: params.collection_options?.future_requirements ?? 'omit',
      };
      const link = request.state.accountLinks.issue(account.id, {
        type: params.type,
        refresh_url: params.refresh_url,
        return_url: params.return_url,
        collection,
      });
      return {
        object: 'account_link',
        created: link.created,
        expires_at: link.expiresAt,
        url: hostedPageUrl(request.state, HOSTED_PAGE_PATHS.accountLink, account.id, link.token),
      };
    },
  ),

  apiRoute(
    'POST',
    '/v1/accounts/:account/login_links',
    { resource: 'login_links', access: 'write' },
    expandOnly,
    (_params, request): LoginLink => {
      const account = requireAccount(request, request.pathParams.account ?? '');
      if (account.controller.stripe_dashboard.type !== 'express') {
        throw stripeErrors.loginLinkRequiresExpressDashboard(account.id);
      }
      if (!account.details_submitted) throw stripeErrors.loginLinkRequiresOnboarding();
      const link = request.state.loginLinks.issue(account.id, null);
      return {
        object: 'login_link',
        created: link.created,
        url: hostedPageUrl(request.state, HOSTED_PAGE_PATHS.expressDashboard, account.id, link.token),
      };
    },
  ),
];

/**
 * Requesting a capability starts it as Stripe would for the account as it stands: active when the account
 * is enabled, inactive otherwise. Unrequesting the last one leaves the account nothing to do.
 */
function requestCapability(
  state: EmulatorState,
  record: AccountRecord,
  name: CapabilityName,
  requested: boolean,
): AccountRecord {
  const { account } = record;
  const now = unixSeconds(state.clock);
  if (!requested) {
    const { [name]: _dropped, ...remaining } = account.capabilities;
    const withoutIt = { ...account, capabilities: remaining };
    return {
      ...record,
      account:
        Object.keys(remaining).length === 0
          ? applyAccountState(withoutIt, 'action_required.requested_capabilities', {}, now)
          : withoutIt,
    };
  }
  if (account.capabilities[name] !== undefined) return record;
  const enabled = account.details_submitted && account.requirements.disabled_reason === null;
  const withIt = { ...account, capabilities: { ...account.capabilities, [name]: 'inactive' as const } };
  return {
    ...record,
    requestedAt: { ...record.requestedAt, [name]: now },
    account:
      enabled || account.requirements.disabled_reason === 'action_required.requested_capabilities'
        ? applyAccountState(withIt, account.details_submitted ? 'enabled' : 'onboarding', {}, now)
        : withIt,
  };
}
