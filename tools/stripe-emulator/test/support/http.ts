import type { StripeEmulator } from '../../src/index.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

interface CallOptions {
  /** Form-encoded body, sent as given so tests can send malformed ones. */
  form?: string;
  /** `null` sends no Authorization header. */
  apiKey?: string | null;
  headers?: Record<string, string>;
}

/** A raw HTTP call, for asserting on exactly what goes over the wire. */
export async function callApi(
  emulator: StripeEmulator,
  method: string,
  path: string,
  { form, apiKey = emulator.secretKey, headers = {} }: CallOptions = {},
): Promise<RawResponse> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(apiKey === null ? {} : { Authorization: `Bearer ${apiKey}` }),
      ...(form === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

export async function fetchPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
}

/** A call to a control route under `/_emulator/`, with an optional JSON body and no API key. */
export function callControl(
  emulator: StripeEmulator,
  method: string,
  path: string,
  json?: unknown,
): Promise<RawResponse> {
  return callApi(emulator, method, `/_emulator/${path}`, {
    apiKey: null,
    ...(json === undefined
      ? {}
      : { form: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }),
  });
}
