/**
 * Stripe API versions: the one an answer, an event or a delivery is rendered at, and what differs between
 * the versions the emulator's objects can be asked in.
 */

/** The version stripe-node 23 pins, which Stripe also uses for the emulator's platform account by default. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/**
 * From 2026-09-30.endive on, accounts the platform rejected say `rejected.platform_*` where older versions
 * say `rejected.*`, and `reason=fraud` gives way to the `fraud_*` reasons.
 */
const PLATFORM_REJECTIONS_SINCE = '2026-09-30';

const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(?:\.[a-z]+)?$/;

export function isApiVersion(value: string): boolean {
  return VERSION_PATTERN.test(value);
}

/** Versions order by their release date, the part before the name. */
export function namesPlatformRejections(version: string): boolean {
  return version.slice(0, 10) >= PLATFORM_REJECTIONS_SINCE;
}

const LEGACY_REJECTION_REASONS: Record<string, string> = {
  'rejected.platform_fraud': 'rejected.fraud',
  'rejected.platform_other': 'rejected.other',
  'rejected.platform_terms_of_service': 'rejected.terms_of_service',
};

/**
 * `value` as Stripe renders it at `version`. Objects are kept in the newest shape; older versions only
 * name platform rejections differently, wherever a `disabled_reason` appears.
 */
export function renderAtVersion<T>(value: T, version: string): T {
  if (namesPlatformRejections(version)) return value;
  const render = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(render);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, field]) => [
        key,
        key === 'disabled_reason' && typeof field === 'string'
          ? (LEGACY_REJECTION_REASONS[field] ?? field)
          : render(field),
      ]),
    );
  };
  return render(value) as T;
}
