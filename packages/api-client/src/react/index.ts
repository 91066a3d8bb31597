export { ApiClientProvider, useApiClient } from './api-client-context.js';
export {
  useConnectStatus,
  useGetDashboardLink,
  useLogin,
  useLogout,
  useStartOnboarding,
  useSyncConnectStatus,
} from './hooks.js';
export {
  connectStatusQuery,
  dashboardLinkMutation,
  loginMutation,
  logoutMutation,
  onboardingLinkMutation,
  syncConnectStatusMutation,
} from './query-options.js';
