import { pageConfig } from './page-config.ts';
import { claimsOf, isExpired } from './token-claims.ts';

/** Where the care dashboard keeps its session in this tab (dashboard/src/auth/session.ts). */
const SESSION_KEY = 'caregraph.session';

// The notes are short lines: the headers editor is narrow.
const HOW_TO_GET_ONE = `// Print a development token:
//   pnpm dev-token --role clinician --sub <id> --org <org id> --mfa
// (--help lists the roles), put it below, and re-fetch the schema
// (Shift+Ctrl+R). Or sign in at /#token=<that token> and come back
// to /graphql in the same tab: it is filled in.
{
  "authorization": "Bearer <token>"
}
`;

/** In development, the bar above offers a one-click sign-in (dev-sign-in.ts). */
const SIGN_IN_ABOVE = pageConfig.developmentSignIn ? '// Sign in above ("Sign in as") as a demo principal, or:\n' : '';

const NO_TOKEN = `// No token yet: nobody signed in to the dashboard in this tab.\n${SIGN_IN_ABOVE}${HOW_TO_GET_ONE}`;

const restrictedToken = (client: string) => `// The dashboard's sign-in in this tab is for the OAuth client
// "${client}", which may run only its registered operations
// (trusted-documents.json): nothing typed here, no schema.
${SIGN_IN_ABOVE}${HOW_TO_GET_ONE}`;

/** A token of the dashboard's session: usable here, or issued to a client that may not explore. */
export type SessionToken = { token: string; restrictedClient: null } | { token: null; restrictedClient: string };

/**
 * The request headers GraphiQL starts with: the bearer token when there is a usable one (the
 * explorer's own sign-in, or the dashboard's session in this tab), otherwise a note on how to get one.
 */
export function initialHeaders(session: SessionToken | null): string {
  if (session?.token) return bearerHeaders(session.token);
  return session?.restrictedClient ? restrictedToken(session.restrictedClient) : NO_TOKEN;
}

/** `{"authorization": "Bearer <token>"}`, as the headers editor shows it. */
export function bearerHeaders(token: string): string {
  return `${JSON.stringify(bearer(token), null, 2)}\n`;
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
  if (typeof token !== 'string' || isExpired(token)) return null;
  const claims = claimsOf(token);
  // The client the router restricts by, as it reads it (platform/src/identity/claims.ts).
  const client = typeof claims.azp === 'string' ? claims.azp : typeof claims.client_id === 'string' ? claims.client_id : null;
  return client && pageConfig.restrictedClients.includes(client) ? { token: null, restrictedClient: client } : { token, restrictedClient: null };
}
