import { mutationOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import type { ApiError } from '../api-error.js';
import type {
  ConnectStatus,
  LoginRequest,
  LoginResponse,
  LogoutResult,
  OnboardingLink,
} from '../api-types.js';
import type { ApiClient } from '../client.js';

// What the hooks hand React Query, kept apart so that they can be exercised without rendering.

export const connectStatusQuery = (client: ApiClient) =>
  queryOptions<ConnectStatus, ApiError>({
    queryKey: ['stripe-connect', 'status'],
    queryFn: () => client.getConnectStatus(),
  });

/**
 * Re-reads the account from Stripe (`POST status/sync`, 10 an hour): its answer is the new snapshot, so the status
 * query shows it at once, without another request.
 */
export const syncConnectStatusMutation = (client: ApiClient, queryClient: QueryClient) =>
  mutationOptions<ConnectStatus, ApiError>({
    mutationFn: () => client.syncConnectStatus(),
    onSuccess: (status) => queryClient.setQueryData(connectStatusQuery(client).queryKey, status),
  });

/** A mutation, not a query: the URL is single-use, so nothing about it is ever cached. */
export const dashboardLinkMutation = (client: ApiClient) =>
  mutationOptions<string, ApiError>({ mutationFn: () => client.getDashboardLink() });

export const onboardingLinkMutation = (client: ApiClient) =>
  mutationOptions<OnboardingLink, ApiError>({ mutationFn: () => client.createOnboardingLink() });

/** Whoever was signed in before, every cached answer was theirs: start afresh. */
export const loginMutation = (client: ApiClient, queryClient: QueryClient) =>
  mutationOptions<LoginResponse, ApiError, LoginRequest>({
    mutationFn: (credentials) => client.login(credentials),
    onSuccess: () => queryClient.resetQueries(),
  });

/**
 * Signed out, nothing cached may outlive the session: every query and mutation is dropped, without refetching
 * (each would only be refused now). Show the signed-out view (e.g. a sign-in form) on success.
 */
export const logoutMutation = (client: ApiClient, queryClient: QueryClient) =>
  mutationOptions<LogoutResult, ApiError>({
    mutationFn: () => client.logout(),
    onSuccess: () => queryClient.clear(),
  });
