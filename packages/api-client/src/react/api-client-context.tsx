import { createContext, type ReactNode, useContext } from 'react';
import { type ApiClient, createApiClient } from '../client.js';

/** Without a provider, hooks call the API on the page's own origin with its login cookie, as the product page's hook. */
const ApiClientContext = createContext<ApiClient>(createApiClient());

// `.Provider` rather than React 19's `<Context value>`: the package supports React 18 too.
export function ApiClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}

export const useApiClient = (): ApiClient => useContext(ApiClientContext);
