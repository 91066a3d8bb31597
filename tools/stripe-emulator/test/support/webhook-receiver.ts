/** A tiny webhook endpoint, as a platform would run one, that records what the emulator sends it. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  rawBody: string;
  signature: string;
  contentType: string;
  /** `performance.now()` on arrival, for measuring the gaps between retries. */
  receivedAt: number;
}

export interface WebhookReceiver {
  /** URL and secret, ready for `webhooks.register`. */
  endpoint: { url: string; secret: string };
  received: ReceivedWebhook[];
  /** Resolves once `count` deliveries have arrived in all. */
  arrivals(count: number): Promise<void>;
  /** Statuses to answer the next requests with, in order; 200 once they run out. */
  answerWith(...statuses: number[]): void;
  /** Verifies every delivery with the official SDK, as a platform's handler would, and returns the events. */
  verifiedEvents(): Stripe.Event[];
  close(): Promise<void>;
}

const sdk = new Stripe('sk_test_unused');

export async function startWebhookReceiver(secret = 'whsec_test_receiver_secret'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({
      rawBody: Buffer.concat(chunks).toString('utf8'),
      signature: String(request.headers['stripe-signature']),
      contentType: String(request.headers['content-type']),
      receivedAt: performance.now(),
    });
    response.writeHead(statuses.shift() ?? 200).end();
    for (const waiter of waiters.filter(({ count }) => received.length >= count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { url: `http://127.0.0.1:${port}/webhooks/stripe`, secret },
    received,
    arrivals: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    answerWith: (...next) => statuses.push(...next),
    verifiedEvents: () =>
      received.map(({ rawBody, signature }) => sdk.webhooks.constructEvent(rawBody, signature, secret)),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
