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

/** An option, control call or seed the emulator cannot use; a programming error of the test, not a Stripe error. */
export class EmulatorOptionError extends Error {}

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
  /** Stripe's wording (request req_… of a platform's logs); the API tells this case apart by it. */
  loginLinkRequiresExpressDashboard: (accountId: string) =>
    stripeError(400, {
      message: `Cannot create an edit link for the account ${accountId}, which does not have access to the Express Dashboard.`,
    }),
  /** Stripe's wording, as integrations match it; the API tells this case apart by it. */
  loginLinkRequiresOnboarding: () =>
    stripeError(400, {
      message: 'Cannot create a login link for an account that has not completed onboarding.',
    }),
  /** An enum refusal: for an account with a Stripe-hosted Dashboard, `account_onboarding` is the only type. */
  accountUpdateLinkNotAllowed: () =>
    stripeError(400, { message: 'Invalid type: must be one of account_onboarding', param: 'type' }),
  rejectNotAllowed: (accountId: string) =>
    stripeError(400, {
      message: `You cannot reject ${accountId}: only accounts where your platform is liable for negative balances, which includes Custom and Express accounts, can be rejected.`,
    }),
  exclusiveParameters: (first: string, second: string) =>
    stripeError(400, {
      message: `You may only specify one of these parameters: ${first}, ${second}.`,
      param: second,
    }),
  permissionDenied: (key: string, accountId: string, permission: string) =>
    stripeError(403, {
      message: `The provided key '${maskApiKey(key)}' does not have the required permissions for this endpoint on account '${accountId}'. Having the '${permission}' permission would allow this request to continue.`,
    }),
  invalidApiVersion: (version: string) =>
    stripeError(400, {
      message: `Invalid Stripe API version: ${version}`,
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
  /** `objectName` as Stripe words it in the message, e.g. `webhook endpoint`. */
  noSuchObject: (objectName: string, id: string, param = 'id') =>
    stripeError(404, { code: 'resource_missing', message: `No such ${objectName}: '${id}'`, param }),
  idempotencyKeyReusedOnOtherEndpoint: (key: string, original: string, current: string) =>
    stripeError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${original}' vs '${current}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyKeyInUse: (key: string) =>
    stripeError(409, {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
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
