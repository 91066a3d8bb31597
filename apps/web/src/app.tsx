import { createApiClient } from '@biore/api-client';
import { ApiClientProvider } from '@biore/api-client/react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { LanguageProvider, useI18n } from './i18n/i18n';
import { PageLayout } from './layout/page-layout';
import { PayoutsPage } from './payouts/payouts-page';
import { forgetStripeReturn, routeOf } from './routes';
import { endSessionOnAuthFailure } from './session/session';

const queryClient = new QueryClient({
  // The API's answers are decisions (401: signed out, 404: a fan), not glitches worth retrying.
  defaultOptions: { queries: { retry: false } },
  queryCache: new QueryCache({ onError: endSessionOnAuthFailure }),
  mutationCache: new MutationCache({ onError: endSessionOnAuthFailure }),
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <ApiClientInPageLanguage>
          <PageLayout>
            <CurrentPage />
          </PageLayout>
        </ApiClientInPageLanguage>
      </LanguageProvider>
    </QueryClientProvider>
  );
}

/** Same-origin calls with the login cookie, asking for the API's messages in the page's language. */
function ApiClientInPageLanguage({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const client = useMemo(() => createApiClient({ language }), [language]);
  return <ApiClientProvider client={client}>{children}</ApiClientProvider>;
}

function CurrentPage() {
  const { t } = useI18n();
  const [route] = useState(() => routeOf(window.location));
  const returnedFromStripe = route.page === 'payouts' && route.returnedFromStripe;
  useEffect(() => {
    if (returnedFromStripe) forgetStripeReturn();
  }, [returnedFromStripe]);

  if (route.page === 'not-found') return <p className="notice">{t('common.not_found')}</p>;
  return <PayoutsPage returnedFromStripe={returnedFromStripe} />;
}
