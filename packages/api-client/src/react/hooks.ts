import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from './api-client-context.js';
import {
  connectStatusQuery,
  dashboardLinkMutation,
  loginMutation,
  logoutMutation,
  onboardingLinkMutation,
  syncConnectStatusMutation,
} from './query-options.js';

/** The product page's hook: resolves with a one-shot dashboard URL; redirect to it at once, never cache it. */
export function useGetDashboardLink() {
  return useMutation(dashboardLinkMutation(useApiClient()));
}

/** The signed-in creator's Stripe account snapshot; fails with `auth.*` when signed out, `not_creator` for fans. */
export function useConnectStatus() {
  return useQuery(connectStatusQuery(useApiClient()));
}

/** "Check again": re-reads the account from Stripe and puts the answer where `useConnectStatus` reads it. */
export function useSyncConnectStatus() {
  return useMutation(syncConnectStatusMutation(useApiClient(), useQueryClient()));
}

/** Starts (or resumes) Stripe onboarding: resolves with the hosted link to redirect to. */
export function useStartOnboarding() {
  return useMutation(onboardingLinkMutation(useApiClient()));
}

/** Signs in; in a browser the answer's cookie then identifies the other hooks' calls. */
export function useLogin() {
  return useMutation(loginMutation(useApiClient(), useQueryClient()));
}

/** Signs out: the API revokes the session and clears its cookie; every cached answer is dropped. */
export function useLogout() {
  return useMutation(logoutMutation(useApiClient(), useQueryClient()));
}
