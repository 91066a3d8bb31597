/** A delay before every API answer, as a real Stripe round trip has one; for benchmarks. */

import { EmulatorOptionError } from './errors.js';

export interface Latency {
  /** Added to every API answer. */
  baseMs: number;
  /** Plus a uniformly random share of this. */
  jitterMs: number;
}

export const NO_LATENCY: Latency = { baseMs: 0, jitterMs: 0 };

export function checkedLatency(latency: Latency): Latency {
  const { baseMs, jitterMs } = latency;
  if (!Number.isFinite(baseMs) || baseMs < 0 || !Number.isFinite(jitterMs) || jitterMs < 0) {
    throw new EmulatorOptionError('`latency` needs a non-negative `baseMs` and `jitterMs`.');
  }
  return { baseMs, jitterMs };
}

/** The delay of one answer: `baseMs` plus up to `jitterMs`, drawn uniformly. */
export function drawLatency({ baseMs, jitterMs }: Latency): number {
  return baseMs + Math.random() * jitterMs;
}
