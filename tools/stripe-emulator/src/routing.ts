/** Path patterns with `:name` segments, shared by the API, hosted page and control route tables. */

export interface RoutePattern {
  readonly method: string;
  readonly pattern: string;
}

export interface RouteMatch<R> {
  route: R;
  pathParams: Record<string, string>;
}

export function matchRoute<R extends RoutePattern>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const pathParams = matchPattern(route.pattern, path);
    if (pathParams) return { route, pathParams };
  }
  return undefined;
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const pathParams: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const given = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (given === '') return undefined;
      pathParams[segment.slice(1)] = safeDecode(given);
    } else if (segment !== given) {
      return undefined;
    }
  }
  return pathParams;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Builds a concrete path from a pattern, e.g. `/express/:account/:token`. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
