// The demo users, and a bearer-token client for calls a test makes besides the page's, as the client's tests have them.
export {
  DEMO,
  DEMO_PASSWORD,
  signedInClient,
} from '../../../../packages/api-client/test/support/demo-users.js';
