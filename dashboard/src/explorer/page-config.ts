/**
 * The explorer's settings, written by the router into the page's `caregraph-explorer` meta tag
 * (router/src/dashboard/explorer.ts). Read once at start.
 */
export interface ExplorerPageConfig {
  /** OAuth clients restricted to their registered operations (trusted-documents.json). */
  restrictedClients: string[];
}

function readConfig(): ExplorerPageConfig {
  const content = document.querySelector<HTMLMetaElement>('meta[name="caregraph-explorer"]')?.content ?? '{}';
  const given = JSON.parse(content) as Partial<ExplorerPageConfig>;
  return { restrictedClients: given.restrictedClients ?? [] };
}

export const pageConfig: ExplorerPageConfig = readConfig();
