import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type HttpService, type ServiceConfig } from '@caregraph/platform';
import { servePages } from './support.ts';

const decodeJwt = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** What a browser's OIDC client (oidc-client-ts) sends: a PKCE verifier and its S256 challenge. */
function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('the development issuer as an OpenID Connect provider (authorization code + PKCE)', () => {
  let served: { config: ServiceConfig; http: HttpService; origin: string };
  let redirectUri: string;
  beforeAll(async () => {
    served = await servePages();
    redirectUri = `${served.origin}/auth/callback`;
  });
  afterAll(() => served.http.close());

  const authorize = (params: Record<string, string>, init?: RequestInit) =>
    fetch(`${served.origin}/dev-oidc/authorize?${new URLSearchParams(params)}`, { redirect: 'manual', ...init });
  const request = (challenge: string, extra: Record<string, string> = {}) => ({
    response_type: 'code',
    client_id: 'caregraph-dashboard',
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'openid',
    state: 'state-123',
    nonce: 'nonce-456',
    ...extra,
  });
  const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
    fetch(`${served.origin}/dev-oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'caregraph-dashboard', redirect_uri: redirectUri, ...overrides }),
    });
  const codeFrom = (answer: Response) => new URL(answer.headers.get('location')!).searchParams.get('code')!;

  it('publishes its endpoints at this origin, code flow with S256 only', async () => {
    const discovery = (await (await fetch(`${served.origin}/dev-oidc/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: 'caregraph-dev',
      authorization_endpoint: `${served.origin}/dev-oidc/authorize`,
      token_endpoint: `${served.origin}/dev-oidc/token`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('signs in as the demo principal its login_hint names: a code for the PKCE verifier, exchanged once, for tokens the API accepts', async () => {
    const { verifier, challenge } = pkce();
    const answer = await authorize(request(challenge, { login_hint: 'clinician' }));
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = codeFrom(answer);

    const tokens = (await (await exchange(code, verifier)).json()) as { access_token: string; id_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    const viewer = await (await createTokenVerifier(served.config.auth)).verify(tokens.access_token);
    expect(viewer).toMatchObject({ role: 'clinician', mfa: true, clientId: 'caregraph-dashboard' });
    expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: 'caregraph-dashboard', nonce: 'nonce-456', iss: 'caregraph-dev' });

    // A code is good for one exchange: a replay (a stolen code) gets nothing.
    const replay = await exchange(code, verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant' });
  });

  it('gives nothing for a code without its verifier, or for another client or redirect', async () => {
    for (const [overrides, verifierOf] of [
      [{}, () => pkce().verifier],
      [{ client_id: 'another-client' }, (v: string) => v],
      [{ redirect_uri: `${served.origin}/elsewhere` }, (v: string) => v],
    ] as const) {
      const { verifier, challenge } = pkce();
      const code = codeFrom(await authorize(request(challenge, { login_hint: 'org-admin' })));
      const answer = await exchange(code, verifierOf(verifier), overrides);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toBe('invalid_grant');
      // And the code is spent by the failed attempt too.
      expect((await exchange(code, verifier)).status).toBe(400);
    }
  });

  it('refuses requests without PKCE, with another response type, or redirecting to another site', async () => {
    const { challenge } = pkce();
    const cases: Record<string, string>[] = [
      request(challenge, { code_challenge_method: 'plain' }),
      request('short'),
      request(challenge, { response_type: 'token' }),
      request(challenge, { redirect_uri: 'https://attacker.example/callback' }),
      request(challenge, { redirect_uri: `${served.origin.replace('127.0.0.1', 'localhost')}/auth/callback` }),
    ];
    for (const params of cases) {
      const answer = await authorize({ ...params, login_hint: 'org-admin' });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
    }
  });

  it('without a login_hint, shows its own sign-in page: one form per demo principal, no script, posting back', async () => {
    const { verifier, challenge } = pkce();
    const page = await authorize(request(challenge));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html.match(/<form method="post" action="\/dev-oidc\/authorize">/g)).toHaveLength(5);
    // What pressing "Auditor" posts:
    const posted = await fetch(`${served.origin}/dev-oidc/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...request(challenge), login_hint: 'auditor' }),
    });
    expect(posted.status).toBe(303);
    const tokens = (await (await exchange(codeFrom(posted), verifier)).json()) as { access_token: string };
    expect(await (await createTokenVerifier(served.config.auth)).verify(tokens.access_token)).toMatchObject({ role: 'auditor', mfa: true });
  });

  it('escapes what the request carries when it echoes it into the page', async () => {
    const { challenge } = pkce();
    const html = await (await authorize(request(challenge, { state: '"><script>alert(1)</script>' }))).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});
