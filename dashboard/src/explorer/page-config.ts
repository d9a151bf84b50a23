/**
 * The explorer's settings, written by the router into the page's `caregraph-explorer` meta tag
 * (router/src/dashboard/explorer.ts). Read once at start.
 */
export interface ExplorerPageConfig {
  /** OAuth clients restricted to their registered operations (trusted-documents.json). */
  restrictedClients: string[];
  /**
   * One-click sign-in at the development issuer (`/dev-oidc`) as a demo principal, for the
   * explorer's own OAuth client; null where the platform does not trust that issuer, and on the
   * page as Vite's dev server serves it (no router to fill the tag in).
   */
  developmentSignIn: { clientId: string; principals: DevelopmentPrincipal[] } | null;
}

/** A demo principal of the development issuer: `id` is its `login_hint`. */
export interface DevelopmentPrincipal {
  id: string;
  label: string;
  description: string;
}

function readConfig(): ExplorerPageConfig {
  const content = document.querySelector<HTMLMetaElement>('meta[name="caregraph-explorer"]')?.content ?? '{}';
  const given = JSON.parse(content) as Partial<ExplorerPageConfig>;
  return { restrictedClients: given.restrictedClients ?? [], developmentSignIn: given.developmentSignIn ?? null };
}

export const pageConfig: ExplorerPageConfig = readConfig();
