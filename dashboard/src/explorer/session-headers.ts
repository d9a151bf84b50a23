import { pageConfig } from './page-config.ts';

/** Where the care dashboard keeps its session in this tab (dashboard/src/auth/session.ts). */
const SESSION_KEY = 'caregraph.session';

const HOW_TO_GET_ONE = `// Print a development token and paste it below:
//   pnpm dev-token --role clinician --sub <practitioner id> --org <organization id> --mfa
// (pnpm dev-token --help lists the roles), then re-fetch the schema (Shift+Ctrl+R). Signing in
// to the dashboard with http://<this host>/#token=<that token> and coming back here, in the
// same tab, fills it in.
{
  "authorization": "Bearer <token>"
}
`;

const NO_TOKEN = `// No dashboard sign-in in this tab, so no token yet.\n${HOW_TO_GET_ONE}`;

const restrictedToken = (client: string) => `// This tab's dashboard sign-in is a token for the OAuth client "${client}", which may run only
// its registered operations (trusted-documents.json): no introspection, nothing typed here.
${HOW_TO_GET_ONE}`;

/** A token of the dashboard's session: usable here, or issued to a client that may not explore. */
export type SessionToken = { token: string; restrictedClient: null } | { token: null; restrictedClient: string };

/**
 * The request headers GraphiQL starts with: the bearer token of the dashboard's session when this
 * tab has a usable one, otherwise a note on how to get one.
 */
export function initialHeaders(session: SessionToken | null): string {
  if (session?.token) return `${JSON.stringify(bearer(session.token), null, 2)}\n`;
  return session?.restrictedClient ? restrictedToken(session.restrictedClient) : NO_TOKEN;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * The access token of the dashboard's session in this tab, if it has an unexpired one (same
 * origin, so a developer signed in to the dashboard is signed in here too). Only read, never changed.
 */
export function sessionToken(): SessionToken | null {
  let token: unknown;
  try {
    token = (JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as { accessToken?: unknown } | null)?.accessToken;
  } catch {
    return null;
  }
  if (typeof token !== 'string') return null;
  const claims = claimsOf(token);
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return null;
  // The client the router restricts by, as it reads it (platform/src/identity/claims.ts).
  const client = typeof claims.azp === 'string' ? claims.azp : typeof claims.client_id === 'string' ? claims.client_id : null;
  return client && pageConfig.restrictedClients.includes(client) ? { token: null, restrictedClient: client } : { token, restrictedClient: null };
}

/** A JWT's claims, unverified (the API verifies the token); empty when it is not a JWT. */
function claimsOf(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
