import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '@caregraph/platform';
import { EXPLORER_CLIENT_ID, EXPLORER_CSP, explorerPageConfig, prefersHtml } from '@caregraph/router/dashboard/explorer';
import { TrustedDocuments } from '@caregraph/router/edge/trusted-documents/manifest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { productionEnv, type ProductionEnv } from '../support/production-env.ts';
import { bearer, TEST_DEV_KEY_FILE, tokenFor } from '../support/tokens.ts';

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const DASHBOARD_DIST = join(import.meta.dirname, '../../dashboard/dist');
const TRUSTED_DOCUMENTS = join(import.meta.dirname, '../../trusted-documents.json');

const navigate = (url: string) => fetch(url, { headers: { accept: BROWSER_ACCEPT } });

function directivesOf(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources] as const),
  );
}

/** The scripts and stylesheets a built page names (every one a file of this origin). */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
}

/** The settings the explorer page carries in its meta tag. */
function pageConfigOf(html: string): unknown {
  const meta = /<meta name="caregraph-explorer" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return JSON.parse(meta.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

/** A browser opening /graphql gets something other than the explorer: no HTML page at all. */
async function expectNoExplorer(origin: string): Promise<void> {
  const answer = await navigate(`${origin}/graphql`);
  expect(answer.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  const body = await answer.text();
  expect(body).not.toMatch(/<html|id="explorer"|apollographql\.com|embeddable-sandbox/i);
  // Nor is its file a page of its own.
  const file = await navigate(`${origin}/explorer.html`);
  expect(file.status).toBe(404);
  expect(await file.text()).not.toContain('id="explorer"');
}

describe('the GraphQL explorer at /graphql (development, in-process platform)', () => {
  let platform: TestPlatform;
  let origin: string;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
    origin = new URL(platform.url).origin;
  });
  afterAll(() => platform?.stop());

  it('answers a browser with the explorer page, under a CSP of its own origin (inline styles only, for Monaco)', async () => {
    const answer = await navigate(platform.url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const csp = answer.headers.get('content-security-policy')!;
    expect(csp).toBe(EXPLORER_CSP);
    const directives = directivesOf(csp);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(["'self'", "'none'", ...(name === 'style-src' ? ["'unsafe-inline'"] : [])], `${name} allows ${source}`).toContain(source);
    }
    const html = await answer.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<div id="explorer"></div>');
    // No inline script: every script is a file of this origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // The clients whose tokens the explorer will not start with (their operations are fixed), and
    // the development sign-in: the demo principals, for the explorer's own client, which is not one of them.
    expect(pageConfigOf(html)).toEqual({
      restrictedClients: expect.arrayContaining(['caregraph-dashboard']),
      developmentSignIn: {
        clientId: 'caregraph-explorer',
        principals: ['clinician', 'org-admin', 'patient', 'auditor', 'analyst'].map((id) => ({ id, label: expect.any(String), description: expect.any(String) })),
      },
    });
    expect((pageConfigOf(html) as { restrictedClients: string[] }).restrictedClients).not.toContain(EXPLORER_CLIENT_ID);
  });

  it('is the page the development sign-in returns to: GET /graphql?code=…&state=… (not an operation)', async () => {
    const answer = await navigate(`${platform.url}?${new URLSearchParams({ code: 'a-code', state: 'a-state' })}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(await answer.text()).toContain('<div id="explorer"></div>');
  });

  it("signs the explorer's client in at the development issuer, back to /graphql: a token that may explore", async () => {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = await fetch(
      `${origin}/dev-oidc/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: EXPLORER_CLIENT_ID,
        redirect_uri: platform.url,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        scope: 'openid',
        state: 'explorer-state',
        login_hint: 'org-admin',
      })}`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(303);
    const back = new URL(authorize.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(platform.url);
    const tokens = (await (
      await fetch(`${origin}/dev-oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, code_verifier: verifier, client_id: EXPLORER_CLIENT_ID, redirect_uri: platform.url }),
      })
    ).json()) as { access_token: string };
    // What a developer types (no registered operation), introspection included: the dashboard's client could run neither.
    const typed = await platform.query<{ patients: { edges: unknown[] }; __schema: { queryType: { name: string } } }>(
      '{ patients(first: 2) { edges { node { id } } } __schema { queryType { name } } }',
      undefined,
      bearer(tokens.access_token),
    );
    expect(typed.errors).toBeUndefined();
    expect(typed.data?.patients.edges).toHaveLength(2);
    expect(typed.data?.__schema.queryType.name).toBe('Query');
  });

  it("loads the page's scripts, styles, Monaco's workers and icon font from this origin", async () => {
    const html = await (await navigate(platform.url)).text();
    const named = assetsOf(html);
    expect(named.some((path) => path.endsWith('.js'))).toBe(true);
    expect(named.some((path) => path.endsWith('.css'))).toBe(true);
    // The workers and the font are started and loaded by the scripts, not named by the page.
    const built = readdirSync(join(DASHBOARD_DIST, 'assets'));
    const workers = built.filter((name) => /^(editor|json|graphql)\.worker-.*\.js$/.test(name)).map((name) => `/assets/${name}`);
    expect(workers).toHaveLength(3);
    const fonts = built.filter((name) => name.endsWith('.ttf')).map((name) => `/assets/${name}`);
    expect(fonts.length).toBeGreaterThan(0);
    for (const path of [...named, ...workers, ...fonts]) {
      const answer = await fetch(`${origin}${path}`);
      expect(answer.status, path).toBe(200);
      const type = path.endsWith('.js') ? 'text/javascript; charset=utf-8' : path.endsWith('.css') ? 'text/css; charset=utf-8' : 'font/ttf';
      expect(answer.headers.get('content-type'), path).toBe(type);
      await answer.arrayBuffer();
    }
  });

  it('serves it at /graphql only: HEAD too, but /explorer.html is not a page', async () => {
    const head = await fetch(platform.url, { method: 'HEAD', headers: { accept: BROWSER_ACCEPT } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const file = await navigate(`${origin}/explorer.html`);
    expect(file.status).toBe(404);
  });

  it('leaves the API alone: a JSON POST, a GET with an operation, and clients that do not prefer HTML get GraphQL', async () => {
    const token = await tokenFor({ role: 'clinician', sub: 'clinician-1', org: platform.plan.organizations[0]!.id, mfa: true });
    const posted = await platform.query<{ vitalSignCodes: { code: string }[] }>('{ vitalSignCodes { code } }', undefined, bearer(token));
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(posted.data?.vitalSignCodes.map((code) => code.code)).toContain('8867-4');

    // A browser-like GET that carries an operation is an API request (and needs a token, as ever).
    const withQuery = await fetch(`${platform.url}?${new URLSearchParams({ query: '{ vitalSignCodes { code } }' })}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': '1', ...bearer(token) },
    });
    expect(withQuery.status).toBe(200);
    expect(await withQuery.json()).toMatchObject({ data: { vitalSignCodes: expect.any(Array) } });

    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json, application/json;q=0.9', 'application/json, text/html;q=0.1']) {
      const answer = await fetch(platform.url, { headers: { accept } });
      expect(answer.headers.get('content-type') ?? '', accept).not.toMatch(/text\/html/);
      expect(await answer.text(), accept).not.toContain('id="explorer"');
    }
  });
});

describe('no explorer where development tools are off', () => {
  it('GRAPHQL_INTROSPECTION=false (development): a browser opening /graphql gets no page', async () => {
    const platform = await startTestPlatform('in-process', { demoData: false, env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      await expectNoExplorer(new URL(platform.url).origin);
    } finally {
      await platform.stop();
    }
  });

  describe('NODE_ENV=production', () => {
    let production: ProductionEnv;
    let platform: TestPlatform;
    beforeAll(async () => {
      production = await productionEnv();
      platform = await startTestPlatform('in-process', { demoData: false, env: production.env });
    });
    afterAll(async () => {
      await platform?.stop();
      await production?.close();
    });

    it('a browser opening /graphql gets no page, and the explorer file is not served either', async () => {
      await expectNoExplorer(new URL(platform.url).origin);
    });
  });
});

describe("the explorer's development sign-in, by configuration", () => {
  const dashboardOnly = TrustedDocuments.none();
  it('is offered with the development issuer, for a client trusted-documents.json does not restrict', () => {
    const config = readServiceConfig({ AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE }, { port: 0 });
    expect(explorerPageConfig(config, dashboardOnly).developmentSignIn).toMatchObject({ clientId: EXPLORER_CLIENT_ID });
  });

  it('is not offered where the platform trusts another issuer (AUTH_JWKS_URL): the development issuer does not sign in there', () => {
    const config = readServiceConfig({ AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example/', AUTH_AUDIENCE: 'caregraph' }, { port: 0 });
    expect(explorerPageConfig(config, dashboardOnly).developmentSignIn).toBeNull();
  });

  it("is not offered if the explorer's client is restricted (here: DASHBOARD_OIDC_CLIENT_ID=caregraph-explorer): its token could explore nothing", () => {
    const config = readServiceConfig({ AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE }, { port: 0 });
    const restricted = TrustedDocuments.load(TRUSTED_DOCUMENTS, { [EXPLORER_CLIENT_ID]: 'caregraph-dashboard' });
    expect(explorerPageConfig(config, restricted)).toEqual({ restrictedClients: expect.arrayContaining([EXPLORER_CLIENT_ID]), developmentSignIn: null });
  });
});

describe('which requests are a browser asking for a page', () => {
  it.each([
    [BROWSER_ACCEPT, true],
    ['text/html', true],
    ['text/*', true],
    ['text/html;q=0.9, application/json;q=0.8', true],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/html;q=0.1', false],
    ['text/html, application/json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['text/html;q=0', false],
    ['', false],
  ])('Accept: %j prefers HTML: %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
