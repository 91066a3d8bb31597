import type { components, paths } from './generated/openapi.js';

type Schemas = components['schemas'];

export type LoginRequest = Schemas['LoginRequestDto'];
export type LoginResponse = Schemas['LoginResponseDto'];
export type OnboardingLink = Schemas['StripeConnectOnboardingLinkResponseDto'];
export type ConnectStatus = Schemas['StripeConnectStatusResponseDto'];
export type StripeAccountStatus = ConnectStatus['status'];
export type ApiErrorBody = Schemas['ApiErrorDto'];
export type FieldProblem = Schemas['FieldProblemDto'];

/**
 * `POST /auth/logout`'s `data`, as the API contract fixes it. The route is not in the committed OpenAPI document
 * yet; once it is, its type comes from there like the others'.
 */
export interface LogoutResult {
  loggedOut: true;
}

export type HttpMethod = 'get' | 'post';

/** The documented routes answering `method` with the success envelope. */
export type ApiPath<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends { responses: { 200: unknown } } ? P : never;
}[keyof paths];

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The `data` of a route's 200 envelope, as the OpenAPI document declares it. */
export type SuccessData<P extends keyof paths, M extends HttpMethod> = paths[P][M] extends {
  responses: { 200: infer Success };
}
  ? JsonContent<Success> extends { data: infer Data }
    ? Data
    : never
  : never;

/** The JSON body a route reads, or `never` for routes without one. */
export type RequestBody<P extends keyof paths, M extends HttpMethod> = paths[P][M] extends {
  requestBody: infer Body;
}
  ? JsonContent<Body>
  : never;
