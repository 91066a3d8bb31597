import { createContext, type ReactNode, useContext } from 'react';
import { type ApiClient, createApiClient } from '../client.js';

/** Without a provider, hooks call the API on the page's own origin with its login cookie, as the product page's hook. */
const ApiClientContext = createContext<ApiClient>(createApiClient());

export function ApiClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiClientContext value={client}>{children}</ApiClientContext>;
}

export const useApiClient = (): ApiClient => useContext(ApiClientContext);
