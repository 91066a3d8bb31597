export { ApiError, UNEXPECTED_RESPONSE } from './api-error.js';
export type {
  ConnectStatus,
  FieldProblem,
  LoginRequest,
  LoginResponse,
  LogoutResult,
  OnboardingLink,
  StripeAccountStatus,
} from './api-types.js';
export { type ApiClient, type ApiClientOptions, createApiClient } from './client.js';
