import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { pageConfig, type DevelopmentPrincipal } from './page-config.ts';
import { isExpired } from './token-claims.ts';

/**
 * The explorer's own sign-in in this tab: its key, not the dashboard's (`caregraph.session`),
 * in sessionStorage (gone with the tab), never localStorage. The only copy of the token the
 * explorer keeps; "Sign out" removes it.
 */
export const EXPLORER_SESSION_KEY = 'caregraph.explorer.session';
/** oidc-client-ts's pending request (state, nonce, PKCE verifier) while the browser is at the provider. */
const STATE_PREFIX = 'caregraph.explorer.oidc.';
/** Where the provider sends the browser back: the explorer itself (the router serves it for `GET /graphql?code=…&state=…`). */
const REDIRECT_PATH = '/graphql';
/** What the provider's redirect adds to the address (RFC 6749 §4.1.2, RFC 9207). */
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

export interface ExplorerSignIn {
  accessToken: string;
  /** Whom the token is for, as the sign-in button named them ("Organization admin"). */
  label: string;
}

type DevelopmentSignIn = NonNullable<typeof pageConfig.developmentSignIn>;

let manager: UserManager | null = null;

/**
 * OpenID Connect authorization code + PKCE (oidc-client-ts) against the development issuer's
 * provider at this origin's `/dev-oidc`, as the dashboard signs in, but as the explorer's own
 * client: the dashboard's client may run only the dashboard's operations. The user object
 * oidc-client-ts keeps stays in memory (the token's copy is {@link EXPLORER_SESSION_KEY}'s).
 */
function userManager(signIn: DevelopmentSignIn): UserManager {
  manager ??= new UserManager({
    authority: `${location.origin}/dev-oidc`,
    client_id: signIn.clientId,
    redirect_uri: `${location.origin}${REDIRECT_PATH}`,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: STATE_PREFIX }),
    // No refresh: when the token ends (an hour), sign in again.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
  return manager;
}

/** Sends the browser to the development issuer, which signs in as `principal` (its `login_hint`) and comes back to `/graphql`. */
export function signInAs(principal: DevelopmentPrincipal): Promise<void> {
  const signIn = pageConfig.developmentSignIn;
  if (!signIn) return Promise.reject(new Error('no development sign-in on this page'));
  return userManager(signIn).signinRedirect({ login_hint: principal.id, state: { label: principal.label } });
}

/**
 * The return from the provider (`/graphql?code=…&state=…`): the code and state are taken out of
 * the address bar and history first (a reload does not replay a spent code), then the code is
 * exchanged with the PKCE verifier and the access token kept. Resolves to what went wrong, or
 * null (also when this page load is no return from a sign-in).
 */
export async function completeSignIn(): Promise<string | null> {
  const signIn = pageConfig.developmentSignIn;
  const address = new URL(location.href);
  const params = address.searchParams;
  if (!signIn || !params.has('state') || !(params.has('code') || params.has('error'))) return null;
  const response = address.href;
  for (const name of CALLBACK_PARAMS) params.delete(name);
  history.replaceState(history.state, '', `${address.pathname}${address.search}${address.hash}`);
  try {
    const manager = userManager(signIn);
    const user = await manager.signinCallback(response);
    await manager.removeUser();
    const accessToken = user?.access_token;
    if (!accessToken || isExpired(accessToken)) return 'the development issuer returned no usable access token';
    const label = (user.state as { label?: unknown } | undefined)?.label;
    saveSignIn({ accessToken, label: typeof label === 'string' ? label : 'a demo principal' });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'the sign-in did not complete';
  }
}

/** This tab's explorer sign-in, if its token has not expired (an expired one is removed). */
export function loadSignIn(): ExplorerSignIn | null {
  let stored: Partial<ExplorerSignIn> | null = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(EXPLORER_SESSION_KEY) ?? 'null') as Partial<ExplorerSignIn> | null;
  } catch {
    // unreadable: removed below
  }
  if (stored && typeof stored.accessToken === 'string' && typeof stored.label === 'string' && !isExpired(stored.accessToken)) {
    return { accessToken: stored.accessToken, label: stored.label };
  }
  sessionStorage.removeItem(EXPLORER_SESSION_KEY);
  return null;
}

function saveSignIn(signIn: ExplorerSignIn): void {
  sessionStorage.setItem(EXPLORER_SESSION_KEY, JSON.stringify(signIn));
}

/** "Sign out": the explorer forgets its token (the dashboard's session, if any, is the dashboard's). */
export function forgetSignIn(): void {
  sessionStorage.removeItem(EXPLORER_SESSION_KEY);
}
