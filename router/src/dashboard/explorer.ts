import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ServiceConfig } from '@caregraph/platform';
import { demoPrincipals } from '../dev-sign-in/principals.ts';
import type { TrustedDocuments } from '../edge/trusted-documents/manifest.ts';
import { escapeAttribute } from './page-config.ts';
import { usesDevelopmentIssuer } from './pages.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The explorer's page in the dashboard's build (dashboard/explorer.html, src/explorer/). */
const PAGE = 'explorer.html';
const META = /<meta name="caregraph-explorer" content="[^"]*"\s*\/?>/;

/**
 * The explorer's own OAuth client at the development issuer. Not in trusted-documents.json, so its
 * tokens may run any operation (the caller's role still decides what they see); the dashboard's
 * client (`caregraph-dashboard`) may run only the dashboard's operations.
 */
export const EXPLORER_CLIENT_ID = 'caregraph-explorer';

/** What the page is told (dashboard/src/explorer/page-config.ts reads it). */
export interface ExplorerPageConfig {
  /**
   * The OAuth clients restricted to their registered operations (trusted-documents.json): a token
   * issued to one of them (the dashboard's own sign-in) can neither introspect nor run what a
   * developer types, so the explorer says so instead of starting with it.
   */
  restrictedClients: string[];
  /**
   * The development issuer's one-click sign-in as a demo principal (authorization code + PKCE at
   * `/dev-oidc`, as the dashboard's, but for the explorer's own client and back to `/graphql`);
   * null where the platform does not trust the development issuer (`AUTH_JWKS_URL` set).
   */
  developmentSignIn: { clientId: string; principals: { id: string; label: string; description: string }[] } | null;
}

/**
 * The explorer page's Content-Security-Policy: its own origin only, as the dashboard's, except for
 * one thing GraphiQL 5's editor (Monaco) cannot do without:
 * - `style-src 'unsafe-inline'`: Monaco renders lines and widgets as HTML strings with `style`
 *   attributes and writes its theme and decoration rules into `<style>` elements at run time, and
 *   has no nonce for them (microsoft/monaco-editor#271, open since 2016); without it the editor is
 *   unstyled and the console fills with violations. Styles only: scripts stay `'self'`.
 * - `worker-src 'self'` suffices: Monaco's editor, JSON and GraphQL workers are files of the
 *   build (`/assets/*.worker-*.js`, started with `new Worker(url)`), not blob: URLs.
 * - no `'unsafe-eval'`: nothing in GraphiQL or Monaco evaluates strings.
 * - `font-src 'self'` suffices: the explorer imports GraphiQL's CSS without its data: web fonts
 *   (dashboard/src/explorer/explorer.css); Monaco's icon font is a file of the build.
 * - `img-src 'self'`: Monaco's only images are data: backgrounds of its color picker and iPad
 *   keyboard button, which GraphiQL's editors never show.
 * The browser test (test/dashboard/explorer.browser.test.ts) fails on any violation.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether this deployment serves the explorer: development tools on, never in production, with the dashboard. */
export function servesExplorer(config: ServiceConfig): boolean {
  return config.edge.developmentTools && !config.production && config.dashboard.enabled;
}

/**
 * `/graphql` opened in a browser: in development, GraphiQL from the dashboard's build (served
 * from this origin, so it works offline), also as the return from its development sign-in,
 * `/graphql?code=…&state=…` (no `query` or `extensions`: not an operation). Every other request,
 * and every request in production or with `GRAPHQL_INTROSPECTION=false`, goes to the API
 * unchanged. Apollo's own landing page (Sandbox, from a CDN) is off in every mode
 * (edge/apollo-options.ts).
 */
export function withExplorer(config: ServiceConfig, trustedDocuments: TrustedDocuments, graphql: Handler): Handler {
  if (!servesExplorer(config)) return graphql;
  const file = join(config.dashboard.dir, PAGE);
  const pageConfig = explorerPageConfig(config, trustedDocuments);
  return async (req, res) => {
    if (!isExplorerRequest(req)) return graphql(req, res);
    res.setHeader('content-security-policy', EXPLORER_CSP);
    res.setHeader('cache-control', 'no-store');
    // Read on every request (development only, a small file): after a rebuild it names the new assets.
    const html = await readFile(file, 'utf8').catch(() => null);
    const page = html && withPageConfig(html, pageConfig);
    if (!page) {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      return void res.end('The GraphQL explorer is not built: run pnpm build:dashboard.');
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : page);
  };
}

/** What the explorer page is told: the restricted clients, and the development sign-in where the platform trusts the development issuer. */
export function explorerPageConfig(config: ServiceConfig, trustedDocuments: TrustedDocuments): ExplorerPageConfig {
  const restrictedClients = trustedDocuments.clients();
  // A restricted explorer client could explore nothing: then no sign-in rather than a useless one.
  const signIn = usesDevelopmentIssuer(config) && !restrictedClients.includes(EXPLORER_CLIENT_ID);
  return {
    restrictedClients,
    developmentSignIn: signIn ? { clientId: EXPLORER_CLIENT_ID, principals: demoPrincipals().map(({ id, label, description }) => ({ id, label, description })) } : null,
  };
}

/** The page with its settings in its meta tag (an attribute, not an inline script: the CSP allows none); null without the tag. */
function withPageConfig(html: string, pageConfig: ExplorerPageConfig): string | null {
  if (!META.test(html)) return null;
  return html.replace(META, `<meta name="caregraph-explorer" content="${escapeAttribute(JSON.stringify(pageConfig))}" />`);
}

/**
 * The explorer's page is only at `/graphql`: its file in the build is not a page of its own, so
 * where `/graphql` serves no explorer (production), no other address serves it either.
 */
export function withoutExplorerFile(pages: Handler): Handler {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === `/${PAGE}`) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      return void res.end('Not found');
    }
    return pages(req, res);
  };
}

/**
 * A browser navigating to `/graphql`: GET (or HEAD) with no operation in the query string, and an
 * Accept header that prefers HTML to JSON (as a browser's does; `fetch`, curl and GraphQL clients
 * send `*\/*` or JSON types, and get the API).
 */
export function isExplorerRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (search.has('query') || search.has('extensions')) return false;
  return prefersHtml(req.headers.accept);
}

/** Content negotiation (RFC 9110 §12.5.1): text/html's quality beats every JSON type's, the most specific range deciding. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').flatMap((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return range && Number.isFinite(quality) ? [{ range: range.trim(), quality }] : [];
  });
  const quality = (type: string): number => {
    const [major] = type.split('/');
    const match = ranges.find((r) => r.range === type) ?? ranges.find((r) => r.range === `${major}/*`) ?? ranges.find((r) => r.range === '*/*');
    return match?.quality ?? 0;
  };
  const html = quality('text/html');
  return html > 0 && ['application/json', 'application/graphql-response+json'].every((type) => html > quality(type));
}
