/** Stripe's cursor pagination (`limit`, `starting_after`, `ending_before`) over a list sorted newest first. */
import { stripeErrors } from './errors.js';
import { integer, string, type TimeFilter } from './params.js';
import type { ApiList, UnixTime } from './stripe-objects.js';

/** The parameters every list endpoint takes, to spread into its own. */
export const paginationParams = {
  ending_before: string(),
  limit: integer({ min: 1, max: 100 }),
  starting_after: string(),
};

export interface PageRequest {
  ending_before?: string;
  limit?: number;
  starting_after?: string;
}

export function matchesTime(time: UnixTime, filter: TimeFilter | undefined): boolean {
  if (!filter) return true;
  const { eq, gt, gte, lt, lte } = filter;
  return (
    (eq === undefined || time === eq) &&
    (gt === undefined || time > gt) &&
    (gte === undefined || time >= gte) &&
    (lt === undefined || time < lt) &&
    (lte === undefined || time <= lte)
  );
}

/** One page of `items` (sorted newest first), as Stripe's list envelope. */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  { limit = 10, starting_after, ending_before }: PageRequest,
  url: string,
  objectName: string,
): ApiList<T> {
  if (starting_after !== undefined && ending_before !== undefined) {
    throw stripeErrors.exclusiveParameters('starting_after', 'ending_before');
  }
  const cursorIndex = (param: string, id: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw stripeErrors.noSuchObject(objectName, id, param);
    return index;
  };
  if (ending_before !== undefined) {
    const end = cursorIndex('ending_before', ending_before);
    const start = Math.max(0, end - limit);
    return { object: 'list', data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = starting_after === undefined ? 0 : cursorIndex('starting_after', starting_after) + 1;
  return {
    object: 'list',
    data: items.slice(start, start + limit),
    has_more: start + limit < items.length,
    url,
  };
}
