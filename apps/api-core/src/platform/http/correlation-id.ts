import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const ACCEPTED_CORRELATION_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** A client's correlation id when it is safe to echo (and to log), a fresh UUID otherwise. */
export function correlationIdFor(headers: Record<string, string | string[] | undefined>): string {
  const sent = headers[CORRELATION_ID_HEADER];
  return typeof sent === 'string' && ACCEPTED_CORRELATION_ID.test(sent) ? sent : randomUUID();
}
