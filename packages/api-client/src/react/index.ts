export { ApiClientProvider, useApiClient } from './api-client-context.js';
export { useConnectStatus, useGetDashboardLink, useLogin, useStartOnboarding } from './hooks.js';
export {
  connectStatusQuery,
  dashboardLinkMutation,
  loginMutation,
  onboardingLinkMutation,
} from './query-options.js';
