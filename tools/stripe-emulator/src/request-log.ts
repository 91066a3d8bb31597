/** Every Stripe API request the emulator received, so tests can count calls and inspect retries. */
import type { FaultKind } from './faults.js';
import type { FormObject } from './form.js';

export interface RecordedRequest {
  requestId: string;
  method: string;
  /** Path without the query string, e.g. `/v1/accounts/acct_123/login_links`. */
  path: string;
  idempotencyKey: string | null;
  /** Parsed form parameters (query string for GET); `null` when they could not be parsed. */
  params: FormObject | null;
  /** Status answered; `null` while the answer is pending or when the connection was dropped. */
  status: number | null;
  idempotentReplayed: boolean;
  fault: FaultKind | null;
  /** The delay the latency setting added to the answer. */
  latencyMs: number;
  /** Milliseconds since the Unix epoch, from the emulator's clock. */
  receivedAt: number;
  /** Which TCP connection it came on (1 for the server's first): shows whether a client keeps its connections. */
  connection: number;
}

export interface RequestLogControls {
  list(): RecordedRequest[];
  clear(): void;
}

export class RequestLog implements RequestLogControls {
  private entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    return entry;
  }

  list(): RecordedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
