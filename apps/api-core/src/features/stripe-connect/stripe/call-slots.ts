import Stripe from 'stripe';

/** A fixed number of slots, handed to waiters in the order they came, each of whom waits a limited time. */
export class CallSlots {
  private free: number;
  /** A Set keeps insertion order, and a waiter that gave up leaves it without a scan. */
  private readonly waiters = new Set<() => void>();

  constructor(size: number) {
    this.free = size;
  }

  tryTake(): boolean {
    if (this.free === 0) return false;
    this.free -= 1;
    return true;
  }

  /**
   * Resolves holding a slot, or rejects with the SDK's own timeout error (which the SDK reports as a timeout, like
   * one on the wire) when none came free within `timeoutMs`.
   */
  take(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const granted = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(granted);
        reject(Stripe.HttpClient.makeTimeoutError());
      }, timeoutMs);
      this.waiters.add(granted);
    });
  }

  give(): void {
    if (this.waiters.size === 0) {
      this.free += 1;
      return;
    }
    const next = this.waiters.values().next().value as () => void;
    this.waiters.delete(next);
    next();
  }
}
