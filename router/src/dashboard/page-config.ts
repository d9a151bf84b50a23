import type { ServiceConfig } from '@caregraph/platform';
import type { DevPrincipal } from '../dev-sign-in/principals.ts';

/** The dashboard's settings as its page carries them (dashboard/src/config.ts reads them). */
export interface DashboardPageConfig {
  oidc: { authority: string | null; clientId: string; scope: string; extraQueryParams: Record<string, string> };
  development: boolean;
  developmentPrincipals: { id: string; label: string; description: string }[];
  claims: { role: string; organization: string; patient: string };
  staleAfterMinutes: number;
  idleTimeoutSeconds: number;
}

export function dashboardPageConfig(config: ServiceConfig, principals: readonly DevPrincipal[], development: boolean): DashboardPageConfig {
  const { oidc } = config.dashboard;
  return {
    // Null: the development issuer, at this origin's /dev-oidc (the page knows its own origin).
    oidc: { authority: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope, extraQueryParams: oidc.audience ? { audience: oidc.audience } : {} },
    development,
    developmentPrincipals: principals.map(({ id, label, description }) => ({ id, label, description })),
    claims: { role: config.auth.claims.role, organization: config.auth.claims.organization, patient: config.auth.claims.patient },
    staleAfterMinutes: config.dashboard.staleAfterMinutes,
    idleTimeoutSeconds: config.dashboard.idleTimeoutSeconds,
  };
}

/** Text as an HTML attribute value (in double quotes). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const META = /<meta name="caregraph-config" content="[^"]*"\s*\/?>/;

/** The built index.html with the settings in its meta tag (an attribute, not an inline script: the CSP allows none). */
export function withPageConfig(indexHtml: string, pageConfig: DashboardPageConfig): string {
  if (!META.test(indexHtml)) throw new Error('the dashboard build has no caregraph-config meta tag');
  return indexHtml.replace(META, `<meta name="caregraph-config" content="${escapeAttribute(JSON.stringify(pageConfig))}" />`);
}
