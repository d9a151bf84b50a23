import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpService, ServiceConfig } from '@caregraph/platform';
import { servePages } from './support.ts';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://login.hospital.example/realms/care/protocol/openid-connect/certs',
  AUTH_ISSUER: 'https://login.hospital.example/realms/care',
  AUTH_AUDIENCE: 'caregraph',
  DASHBOARD_OIDC_CLIENT_ID: 'care-dashboard',
};

function pageConfigOf(html: string): Record<string, unknown> {
  const content = /<meta name="caregraph-config" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return JSON.parse(content.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Record<string, unknown>;
}

describe('the dashboard pages the router serves', () => {
  let served: { config: ServiceConfig; http: HttpService; origin: string };
  beforeAll(async () => {
    served = await servePages();
  });
  afterAll(() => served.http.close());

  it('serves the page at / and at every view path, under a CSP of its own origin only, with the development sign-in settings', async () => {
    for (const path of ['/', '/patients', '/patients/83813516-d833-48fc-b53e-53d5ad33c09e?range=7d', '/audit', '/me']) {
      const answer = await fetch(`${served.origin}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const csp = answer.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|data:|https?:/);
      const html = await answer.text();
      expect(html).toContain('<html lang="en">');
      // No inline script: every script is a file of this origin.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const config = pageConfigOf(html);
      expect(config).toMatchObject({ development: true, oidc: { authority: null, clientId: 'caregraph-dashboard' } });
      expect((config.developmentPrincipals as { id: string }[]).map((p) => p.id)).toEqual(['clinician', 'org-admin', 'patient', 'auditor', 'analyst']);
    }
  });

  it("serves the build's assets, cacheable for good (their names are their content hashes)", async () => {
    const assets = readdirSync(join(served.config.dashboard.dir, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'))!;
    const answer = await fetch(`${served.origin}/assets/${script}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('reads nothing outside the build: traversal, dot files and unknown files are 404', async () => {
    for (const path of ['/assets/missing.js', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/.source-hash', '/assets/%00.js', '/index.html/../../vite.config.ts']) {
      const answer = await fetch(`${served.origin}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.text()).not.toContain('defineConfig');
    }
  });

  it('answers only GET and HEAD', async () => {
    const answer = await fetch(`${served.origin}/patients`, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${served.origin}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});

describe('the dashboard pages in production', () => {
  let served: { config: ServiceConfig; http: HttpService; origin: string };
  beforeAll(async () => {
    served = await servePages(PRODUCTION);
  });
  afterAll(() => served.http.close());

  it("signs in with the deployment's OIDC provider: its issuer and client id in the page, its origin alone added to the CSP", async () => {
    const answer = await fetch(`${served.origin}/`);
    const csp = answer.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' https://login.hospital.example;");
    expect(csp).toContain("form-action 'self' https://login.hospital.example;");
    const config = pageConfigOf(await answer.text());
    expect(config).toMatchObject({ development: false, developmentPrincipals: [], oidc: { authority: PRODUCTION.AUTH_ISSUER, clientId: 'care-dashboard', scope: 'openid' } });
  });

  it('has no development sign-in', async () => {
    for (const path of ['/dev-oidc/.well-known/openid-configuration', '/dev-oidc/authorize?login_hint=org-admin', '/dev-oidc/token']) {
      expect((await fetch(`${served.origin}${path}`)).status, path).toBe(404);
    }
  });
});

describe('the dashboard without an OIDC issuer URL', () => {
  it('says sign-in is not configured (the API accepts an AUTH_ISSUER that is no URL; an OIDC client needs one)', async () => {
    const served = await servePages({ ...PRODUCTION, AUTH_ISSUER: 'caregraph-tokens' });
    try {
      const config = pageConfigOf(await (await fetch(`${served.origin}/`)).text());
      expect(config).toMatchObject({ development: false, developmentPrincipals: [], oidc: { authority: null } });
    } finally {
      await served.http.close();
    }
  });

  it('refuses to start with a DASHBOARD_OIDC_ISSUER that is no URL', async () => {
    await expect(servePages({ ...PRODUCTION, DASHBOARD_OIDC_ISSUER: 'login.hospital.example' })).rejects.toThrow(/DASHBOARD_OIDC_ISSUER must be the OpenID Connect issuer URL/);
  });
});

describe('the dashboard switched off', () => {
  it('serves no page with DASHBOARD=false', async () => {
    const served = await servePages({ DASHBOARD: 'false' });
    try {
      expect((await fetch(`${served.origin}/`)).status).toBe(404);
    } finally {
      await served.http.close();
    }
  });
});
