/**
 * The dashboard's settings, written by the router into the page's `caregraph-config` meta tag
 * (so one build serves every deployment, and no script is inline). Read once at start.
 */
export interface DashboardConfig {
  /** The OpenID Connect provider the dashboard signs in with (authorization code + PKCE). */
  oidc: {
    /** Issuer URL; its `/.well-known/openid-configuration` is read at sign-in. Null: the development issuer at this origin. */
    authority: string | null;
    clientId: string;
    scope: string;
    /** Extra parameters of the authorization request (e.g. `audience` for some providers). */
    extraQueryParams: Record<string, string>;
  };
  /** The local development issuer: its sign-in page lists the demo principals. Never in production. */
  development: boolean;
  /** The demo principals the development issuer signs in as (empty outside development). */
  developmentPrincipals: DevelopmentPrincipal[];
  /** Where the token names role, organization and patient (AUTH_*_CLAIM), for the navigation only. */
  claims: { role: string; organization: string; patient: string };
  /** A patient with no reading for this long is shown as stale (DASHBOARD_STALE_AFTER_MINUTES). */
  staleAfterMinutes: number;
  /** Automatic logoff after this long without activity (DASHBOARD_IDLE_TIMEOUT_SECONDS). */
  idleTimeoutSeconds: number;
}

/** One demo principal of the development issuer: `id` is its `login_hint`. */
export interface DevelopmentPrincipal {
  id: string;
  label: string;
  description: string;
}

const FALLBACK: DashboardConfig = {
  oidc: { authority: null, clientId: 'caregraph-dashboard', scope: 'openid', extraQueryParams: {} },
  development: true,
  developmentPrincipals: [],
  claims: { role: 'role', organization: 'org', patient: 'patient_id' },
  staleAfterMinutes: 120,
  idleTimeoutSeconds: 900,
};

function readConfig(): DashboardConfig {
  const content = document.querySelector<HTMLMetaElement>('meta[name="caregraph-config"]')?.content ?? '{}';
  const given = JSON.parse(content) as Partial<DashboardConfig>;
  // An empty object is the page as Vite serves it (`pnpm --filter @caregraph/dashboard dev`).
  return { ...FALLBACK, ...given, oidc: { ...FALLBACK.oidc, ...given.oidc }, claims: { ...FALLBACK.claims, ...given.claims } };
}

export const config: DashboardConfig = readConfig();
