/** Stripe's webhook signature scheme, the one `stripe.webhooks.constructEvent` verifies. */
import { createHmac } from 'node:crypto';
import type { UnixTime } from './stripe-objects.js';

/**
 * The `Stripe-Signature` header: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<payload>">`, keyed
 * with the endpoint secret as given (`whsec_...` included), one `v1` per secret while a rolled secret is
 * still valid. The payload must be the exact body sent.
 */
export function stripeSignatureHeader(
  payload: string,
  secrets: string | readonly string[],
  timestamp: UnixTime,
): string {
  const signatures = (typeof secrets === 'string' ? [secrets] : secrets).map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')}`,
  );
  return [`t=${timestamp}`, ...signatures].join(',');
}
