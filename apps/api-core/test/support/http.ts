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

export interface RouteOperation {
  method: string;
  path: string;
}

/** Every operation the served OpenAPI document guards with the bearer scheme, so a new route is covered too. */
export async function bearerRoutes(origin: string): Promise<RouteOperation[]> {
  const { paths } = (await (await fetch(`${origin}/docs-json`)).json()) as {
    paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
  };
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.some((scheme) => 'bearer' in scheme))
      .map(([method]) => ({ method: method.toUpperCase(), path })),
  );
}
