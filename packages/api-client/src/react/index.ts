export { ApiClientProvider, useApiClient } from './api-client-context.js';
export { useConnectStatus, useGetDashboardLink, useLogin, useLogout, useStartOnboarding } from './hooks.js';
export {
  connectStatusQuery,
  dashboardLinkMutation,
  loginMutation,
  logoutMutation,
  onboardingLinkMutation,
} from './query-options.js';
