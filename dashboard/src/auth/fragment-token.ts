import { saveSession, sessionFromToken, type Session } from './session.ts';

/**
 * `http://localhost:4000/#token=<jwt>` signs in with that token. A fragment never reaches the
 * server (nor its logs), and it is taken out of the address bar and history at once, before
 * anything renders, so the token is not left in a bookmark or a screenshot.
 */
export function takeFragmentToken(): { session: Session | null; rejected: boolean } {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token === null) return { session: null, rejected: false };
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  const session = sessionFromToken(token, 'fragment');
  if (session) saveSession(session);
  return { session, rejected: session === null };
}
