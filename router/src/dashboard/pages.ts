import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ServiceConfig } from '@caregraph/platform';
import { DEV_OIDC_PREFIX, devOidcProvider } from '../dev-sign-in/provider.ts';
import { demoPrincipals } from '../dev-sign-in/principals.ts';
import { isBuildCurrent } from './build-on-start.ts';
import { dashboardCsp } from './content-security-policy.ts';
import { dashboardPageConfig, withPageConfig } from './page-config.ts';
import { readStaticFile } from './static-files.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The development issuer signs in only while the platform trusts it: no external JWKS, never in production. */
export function usesDevelopmentIssuer(config: ServiceConfig): boolean {
  return !config.auth.jwksUrl && !config.production;
}

/**
 * Everything the router serves besides the API: the dashboard's files, its routes (one page,
 * routed in the browser), and in development the development issuer's sign-in. Built once at
 * start; the page with its settings is kept in memory.
 */
export function dashboardPages(config: ServiceConfig): Handler {
  const devIssuer = usesDevelopmentIssuer(config);
  const principals = devIssuer ? demoPrincipals() : [];
  const signIn = devIssuer ? devOidcProvider({ keyFile: config.auth.devKeyFile, principals }) : null;
  const csp = dashboardCsp(config.dashboard.oidc.issuer);
  const pageConfig = dashboardPageConfig(config, principals, devIssuer);
  const indexFile = join(config.dashboard.dir, 'index.html');
  // The page with its settings, made again when a later build replaced index.html (a start of
  // another process builds beside this one; the old assets stay, but the page should be the new one).
  let cached: { mtimeMs: number; html: string } | null = null;
  const currentPage = (): string | null => {
    if (!config.dashboard.enabled || !isBuildCurrent({ ...config.dashboard, sourceDir: null })) return null;
    const { mtimeMs } = statSync(indexFile);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: withPageConfig(readFileSync(indexFile, 'utf8'), pageConfig) };
    return cached.html;
  };

  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (signIn && (await signIn(req, res, path))) return;
    // Never a page for the development issuer's paths where it does not serve (production).
    if (path === DEV_OIDC_PREFIX || path.startsWith(`${DEV_OIDC_PREFIX}/`)) return text(res, 404, 'Not found');
    if (!config.dashboard.enabled) return text(res, 404, 'Not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return text(res, 405, 'Method not allowed');
    }
    const page = currentPage();
    if (!page) return text(res, 503, 'The care dashboard is not built: run pnpm build (production ships dashboard/dist).');
    res.setHeader('content-security-policy', csp);
    if (path !== '/index.html') {
      const file = await readStaticFile(config.dashboard.dir, path);
      if (file) {
        res.setHeader('content-type', file.type);
        res.setHeader('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.statusCode = 200;
        return void res.end(req.method === 'HEAD' ? undefined : file.body);
      }
      // A last segment with a dot names a file, and there is none; any other path is a view.
      if (/\/[^/]*\.[^/]*$/.test(path)) return text(res, 404, 'Not found');
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    // The page carries no PHI, but it is never cached: it names the deployment's sign-in.
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : page);
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(body);
}
