/**
 * API keys as Stripe accepts them: `Bearer <key>`, or Basic auth with the key as user. The secret key may do
 * everything; a restricted key (`rk_…`) only what its permissions allow.
 */
import { EmulatorOptionError, stripeErrors } from './errors.js';

/** What a restricted key's permissions are given on, one resource per entry. */
export type PermissionResource =
  | 'accounts'
  | 'account_links'
  | 'events'
  | 'login_links'
  | 'payouts'
  | 'webhook_endpoints';

export type PermissionLevel = 'none' | 'read' | 'write';

export interface RestrictedKey {
  /** `rk_test_…` (or `rk_live_…`). */
  key: string;
  /** Missing resources are `none`; `write` includes `read`. */
  permissions: Partial<Record<PermissionResource, PermissionLevel>>;
}

/** A key the emulator accepts: the secret key has no `permissions`, as it may do everything. */
export interface Credentials {
  key: string;
  permissions?: RestrictedKey['permissions'];
}

/** What a route needs from a key. */
export interface RoutePermission {
  resource: PermissionResource;
  access: 'read' | 'write';
}

/** Stripe's internal names of the permissions, as its refusals name them (`rak_<resource>_<access>`). */
const PERMISSION_NAMES: Record<PermissionResource, string> = {
  accounts: 'rak_accounts_kyc_basic',
  account_links: 'rak_account_link',
  events: 'rak_event',
  login_links: 'rak_login_link',
  payouts: 'rak_payout',
  webhook_endpoints: 'rak_webhook',
};

export function checkedRestrictedKey(value: RestrictedKey): RestrictedKey {
  if (typeof value?.key !== 'string' || !/^rk_(test|live)_\w+$/.test(value.key)) {
    throw new EmulatorOptionError('A restricted key must look like rk_test_… (or rk_live_…).');
  }
  return value;
}

function presentedKey(authorization: string | undefined): string {
  const [scheme = '', credentials = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return credentials;
    case 'basic':
      return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] ?? '';
    default:
      return '';
  }
}

/** Returns the credentials the request authenticated with, or throws Stripe's 401. */
export function authenticate(authorization: string | undefined, keys: readonly Credentials[]): Credentials {
  const key = presentedKey(authorization);
  if (key === '') throw stripeErrors.missingApiKey();
  const credentials = keys.find((candidate) => candidate.key === key);
  if (!credentials) throw stripeErrors.invalidApiKey(key);
  return credentials;
}

/** Throws Stripe's 403 when a restricted key lacks the permission a route needs. */
export function authorize(
  credentials: Credentials,
  needed: RoutePermission,
  platformAccountId: string,
): void {
  const { permissions } = credentials;
  if (permissions === undefined) return;
  const granted = permissions[needed.resource] ?? 'none';
  if (granted === 'write' || granted === needed.access) return;
  throw stripeErrors.permissionDenied(
    credentials.key,
    platformAccountId,
    `${PERMISSION_NAMES[needed.resource]}_${needed.access}`,
  );
}
