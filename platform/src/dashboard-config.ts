import { resolve } from 'node:path';
import type { IntReader } from './env-int.ts';
import type { BoolReader } from './env-bool.ts';

/** The care dashboard the router serves at `/` (router/src/dashboard/), parsed once with the rest. */
export interface DashboardConfig {
  /** Serve the dashboard. Env `DASHBOARD`, default true. */
  enabled: boolean;
  /** The built dashboard (Vite's output). Env `DASHBOARD_DIR`, default `dashboard/dist`. */
  dir: string;
  /**
   * The dashboard's sources, built into `dir` at start when the build is missing or older than
   * them (development only; a production image ships the build). Null when `DASHBOARD_DIR` is set.
   */
  sourceDir: string | null;
  /**
   * The OpenID Connect provider the dashboard signs users in with (authorization code + PKCE).
   * Env `DASHBOARD_OIDC_ISSUER` (default `AUTH_ISSUER`), `DASHBOARD_OIDC_CLIENT_ID` (default
   * `caregraph-dashboard`, the client id the dashboard's trusted documents are filed under),
   * `DASHBOARD_OIDC_SCOPE` (default `openid`), `DASHBOARD_OIDC_AUDIENCE` (sent as `audience` when set,
   * for providers that issue API tokens per audience). Null issuer: the development issuer where it
   * is trusted, else none (AUTH_ISSUER is not a URL: sign-in is not configured).
   */
  oidc: { issuer: string | null; clientId: string; scope: string; audience: string | null };
  /** Patients with no reading for this long are marked stale. Env `DASHBOARD_STALE_AFTER_MINUTES`, default 120. */
  staleAfterMinutes: number;
  /**
   * Automatic logoff (HIPAA §164.312(a)(2)(iii)): the dashboard signs out after this long without
   * a key press, click or scroll in it. Env `DASHBOARD_IDLE_TIMEOUT_SECONDS`, default 900 (15 minutes).
   */
  idleTimeoutSeconds: number;
}

export const DASHBOARD_CLIENT_ID = 'caregraph-dashboard';

export function readDashboardConfig(
  env: NodeJS.ProcessEnv,
  tools: { int: IntReader; bool: BoolReader; problems: string[] },
  auth: { external: boolean; issuer: string },
): DashboardConfig {
  const isUrl = (value: string) => /^https?:\/\/[^/]/.test(value);
  // AUTH_ISSUER need not be a URL for the API (any `iss` string verifies); only a URL is an OIDC issuer
  // the dashboard can sign in at. Without one, the dashboard says sign-in is not configured.
  const issuer = env.DASHBOARD_OIDC_ISSUER || (auth.external && isUrl(auth.issuer) ? auth.issuer : '') || null;
  if (env.DASHBOARD_OIDC_ISSUER && !isUrl(env.DASHBOARD_OIDC_ISSUER)) tools.problems.push('DASHBOARD_OIDC_ISSUER must be the OpenID Connect issuer URL (https://…)');
  if (env.DASHBOARD_OIDC_ISSUER && !auth.external) {
    tools.problems.push('DASHBOARD_OIDC_ISSUER is set without AUTH_JWKS_URL: the API would not accept the tokens that issuer signs');
  }
  const clientId = env.DASHBOARD_OIDC_CLIENT_ID || DASHBOARD_CLIENT_ID;
  if (!/^[\w.:-]{1,255}$/.test(clientId)) tools.problems.push('DASHBOARD_OIDC_CLIENT_ID must be 1-255 letters, digits, dots, colons, dashes or underscores');
  return {
    enabled: tools.bool('DASHBOARD', true),
    dir: resolve(env.DASHBOARD_DIR || 'dashboard/dist'),
    sourceDir: env.DASHBOARD_DIR ? null : resolve('dashboard'),
    oidc: { issuer, clientId, scope: env.DASHBOARD_OIDC_SCOPE || 'openid', audience: env.DASHBOARD_OIDC_AUDIENCE || null },
    staleAfterMinutes: tools.int('DASHBOARD_STALE_AFTER_MINUTES', 120, 1, 43_200),
    idleTimeoutSeconds: tools.int('DASHBOARD_IDLE_TIMEOUT_SECONDS', 900, 2, 43_200),
  };
}
