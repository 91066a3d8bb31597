/**
 * One webhook POST. node:http rather than fetch: with `agent: false` every delivery has its own connection,
 * closed after the answer, so no keep-alive pool holds a test's receiver (or the emulator) open.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A receiver that stays silent this long counts as a failed attempt. */
const RESPONSE_TIMEOUT_MS = 10_000;

/** Resolves with the status answered; rejects when the connection fails, times out or `signal` aborts. */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        agent: false,
        signal,
        timeout: RESPONSE_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${RESPONSE_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
