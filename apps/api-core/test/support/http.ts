import type { ErrorBody } from '../../src/platform/http/envelope.js';

/** A response body as the contract shapes it; tests assert on its fields. */
export interface Envelope {
  success: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: each test asserts the data shape it expects
  data?: any;
  error?: ErrorBody;
}

export async function readEnvelope(response: Response): Promise<Envelope> {
  return (await response.json()) as Envelope;
}
