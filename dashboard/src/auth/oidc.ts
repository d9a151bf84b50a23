import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { config } from '../config.ts';

export const CALLBACK_PATH = '/auth/callback';

/**
 * OpenID Connect authorization code flow with PKCE (oidc-client-ts): the same code path for the
 * development issuer and a production identity provider. Its state and the user it returns live
 * in sessionStorage only.
 */
export const userManager = new UserManager({
  authority: config.oidc.authority ?? `${location.origin}/dev-oidc`,
  client_id: config.oidc.clientId,
  redirect_uri: `${location.origin}${CALLBACK_PATH}`,
  post_logout_redirect_uri: `${location.origin}/`,
  response_type: 'code',
  scope: config.oidc.scope,
  extraQueryParams: config.oidc.extraQueryParams,
  userStore: new WebStorageStateStore({ store: sessionStorage }),
  stateStore: new WebStorageStateStore({ store: sessionStorage }),
  // The dashboard has no refresh tokens: when the access token ends, the user signs in again.
  automaticSilentRenew: false,
  loadUserInfo: false,
});

/**
 * Sends the browser to the provider's sign-in; `returnTo` is where to land afterwards. A
 * `loginHint` names the account (OIDC `login_hint`): the development issuer signs in as that
 * demo principal without asking again.
 */
export function signInWithProvider(returnTo: string, loginHint?: string): Promise<void> {
  return userManager.signinRedirect({ state: { returnTo }, ...(loginHint ? { login_hint: loginHint } : {}) });
}
