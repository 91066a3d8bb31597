/** Stripe's error object (`components.schemas.error`) and the errors the emulator answers with. */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorDetails {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

export interface StripeErrorBody {
  error: StripeErrorDetails;
}

/** Thrown by request handling; the server turns it into the HTTP response. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly details: StripeErrorDetails,
  ) {
    super(details.message);
  }

  get body(): StripeErrorBody {
    return { error: this.details };
  }
}

/** Builds the error with its keys in the alphabetical order Stripe serialises them in. */
function stripeError(
  status: number,
  {
    code,
    message,
    param,
    type = 'invalid_request_error',
  }: Omit<StripeErrorDetails, 'type' | 'doc_url'> & {
    type?: StripeErrorType;
  },
): StripeApiError {
  return new StripeApiError(status, {
    ...(code === undefined
      ? {}
      : { code, doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}` }),
    message,
    ...(param === undefined ? {} : { param }),
    type,
  });
}

/** Shows the key's prefix and last four characters, as Stripe does. */
export function maskApiKey(key: string): string {
  const prefix = /^[a-z]{2}_(?:test|live)_/.exec(key)?.[0] ?? '';
  const secret = key.slice(prefix.length);
  const visible = secret.slice(-4);
  return `${prefix}${'*'.repeat(secret.length - visible.length)}${visible}`;
}

export const stripeErrors = {
  missingApiKey: () =>
    stripeError(401, {
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    }),
  invalidApiKey: (key: string) =>
    stripeError(401, { message: `Invalid API Key provided: ${maskApiKey(key)}` }),
  accountInvalid: (key: string, accountId: string, param?: string) =>
    stripeError(403, {
      code: 'account_invalid',
      message: `The provided key '${maskApiKey(key)}' does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
      param,
    }),
  loginLinkRequiresExpressDashboard: (accountId: string) =>
    stripeError(400, {
      message: `Cannot create a login link for ${accountId}: you can only create login links for accounts that use the Express Dashboard and are connected to your platform.`,
    }),
  loginLinkRequiresOnboarding: (accountId: string) =>
    stripeError(400, {
      message: `Cannot create a login link for ${accountId} because the account has not completed onboarding (details_submitted is false). Send the account through an account_onboarding Account Link first.`,
    }),
  accountUpdateLinkNotAllowed: () =>
    stripeError(400, {
      message:
        'Invalid type: account_update Account Links are only available for accounts where controller.requirement_collection is application, which includes Custom accounts. Use account_onboarding.',
      param: 'type',
    }),
  parameterMissing: (param: string) =>
    stripeError(400, { code: 'parameter_missing', message: `Missing required param: ${param}.`, param }),
  parameterUnknown: (param: string) =>
    stripeError(400, { code: 'parameter_unknown', message: `Received unknown parameter: ${param}`, param }),
  parameterInvalid: (param: string, message: string) => stripeError(400, { message, param }),
  urlInvalid: (param: string) => stripeError(400, { code: 'url_invalid', message: 'Not a valid URL', param }),
  malformedBody: (reason: string) => stripeError(400, { message: `Invalid request body: ${reason}` }),
  unrecognizedUrl: (method: string, path: string) =>
    stripeError(404, {
      code: 'resource_missing',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    }),
  noSuchEvent: (eventId: string) =>
    stripeError(404, { code: 'resource_missing', message: `No such event: '${eventId}'`, param: 'id' }),
  idempotencyKeyReusedOnOtherEndpoint: (key: string, original: string, current: string) =>
    stripeError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${original}' vs '${current}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyKeyReusedWithOtherParams: (key: string) =>
    stripeError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  rateLimited: () =>
    stripeError(429, {
      code: 'rate_limit',
      message:
        'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
    }),
  internal: (status = 500) =>
    stripeError(status, {
      type: 'api_error',
      message:
        "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at support.stripe.com/contact.",
    }),
  /** The body a status fault answers with when the test gives none. */
  forStatus: (status: number): StripeApiError => {
    if (status === 429) return stripeErrors.rateLimited();
    if (status >= 500) return stripeErrors.internal(status);
    return stripeError(status, {
      message: `The Stripe emulator answered ${status} because a fault was injected.`,
    });
  },
};
