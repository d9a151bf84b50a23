import { principalOf, type Principal } from './principal.ts';

/**
 * The signed-in session: the access token and who it names. Kept in sessionStorage (this tab only,
 * gone when it closes), never in localStorage, and removed at sign-out.
 */
export interface Session {
  accessToken: string;
  principal: Principal;
  /** How the session began: the OIDC provider, or a token handed over in the URL fragment. */
  source: 'oidc' | 'fragment';
}

const KEY = 'caregraph.session';

export function sessionFromToken(accessToken: string, source: Session['source']): Session | null {
  const principal = principalOf(accessToken);
  if (!principal || principal.expiresAt * 1000 <= Date.now()) return null;
  return { accessToken, principal, source };
}

export function loadSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const { accessToken, source } = JSON.parse(stored) as Pick<Session, 'accessToken' | 'source'>;
  const session = sessionFromToken(accessToken, source);
  if (!session) sessionStorage.removeItem(KEY);
  return session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify({ accessToken: session.accessToken, source: session.source }));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
