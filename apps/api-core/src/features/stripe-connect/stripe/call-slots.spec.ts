import Stripe from 'stripe';
import { CallSlots } from './call-slots.js';

describe('CallSlots', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands out its slots at once, then none until one is given back', () => {
    const slots = new CallSlots(2);
    expect([slots.tryTake(), slots.tryTake(), slots.tryTake()]).toEqual([true, true, false]);
    slots.give();
    expect(slots.tryTake()).toBe(true);
  });

  it('gives a slot given back to the longest waiter, not to a caller arriving after it', async () => {
    const slots = new CallSlots(1);
    slots.tryTake();
    const order: string[] = [];
    const first = slots.take(1_000).then(() => order.push('first'));
    const second = slots.take(1_000).then(() => order.push('second'));

    slots.give();
    expect(slots.tryTake()).toBe(false);
    await first;
    slots.give();
    await second;

    expect(order).toEqual(['first', 'second']);
  });

  it("refuses a waiter with the SDK's timeout error once its time is up, and leaves the slot to the next", async () => {
    const slots = new CallSlots(1);
    slots.tryTake();
    const gaveUp = slots.take(100);
    const next = slots.take(1_000);

    jest.advanceTimersByTime(100);
    await expect(gaveUp).rejects.toMatchObject({ code: Stripe.HttpClient.TIMEOUT_ERROR_CODE });
    slots.give();
    await expect(next).resolves.toBeUndefined();
    slots.give();
    expect(slots.tryTake()).toBe(true);
  });
});
