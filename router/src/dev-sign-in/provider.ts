import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEV_ISSUER, devTokenClaims, DevIssuer } from '@caregraph/platform';
import { AuthorizationCodes, CODE_CHALLENGE, CODE_VERIFIER, type AuthorizationRequest } from './authorization-codes.ts';
import type { DevPrincipal } from './principals.ts';
import { SIGN_IN_CSS, signInPage } from './sign-in-page.ts';

export const DEV_OIDC_PREFIX = '/dev-oidc';
/** Tokens live an hour, as `pnpm dev-token`'s do; the dashboard then asks to sign in again. */
const TOKEN_TTL_SECONDS = 3600;
const MAX_FORM_BYTES = 16 * 1024;
const PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The development issuer as a minimal OpenID Connect provider (authorization code + PKCE, public
 * clients), so the dashboard signs in the same way in development as against a production IdP.
 * It serves only while the platform trusts the development issuer (no AUTH_JWKS_URL, never in
 * production), and redirects only to pages of the origin it is asked at.
 */
export function devOidcProvider(options: { keyFile: string; principals: readonly DevPrincipal[] }) {
  const codes = new AuthorizationCodes();
  const issuer = DevIssuer.open(options.keyFile);

  async function authorize(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const params = req.method === 'POST' ? await readForm(req) : new URL(req.url ?? '/', origin).searchParams;
    const request = authorizationRequest(params, origin);
    if ('problem' in request) return void sendText(res, 400, `Invalid authorization request: ${request.problem}`);
    const principal = options.principals.find((p) => p.id === params.get('login_hint'));
    if (!principal) {
      res.setHeader('content-security-policy', PAGE_CSP);
      return void send(res, 200, 'text/html; charset=utf-8', signInPage(options.principals, Object.fromEntries(params)));
    }
    const redirect = new URL(request.redirectUri);
    redirect.searchParams.set('code', codes.issue(request, principal));
    const state = params.get('state');
    if (state) redirect.searchParams.set('state', state);
    res.statusCode = 303;
    res.setHeader('location', redirect.toString());
    res.end();
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return void sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' });
    const form = await readForm(req);
    if (form.get('grant_type') !== 'authorization_code') return void sendJson(res, 400, { error: 'unsupported_grant_type' });
    const verifier = form.get('code_verifier') ?? '';
    if (!CODE_VERIFIER.test(verifier)) return void sendJson(res, 400, { error: 'invalid_request', error_description: 'code_verifier is required (PKCE)' });
    const grant = codes.redeem(form.get('code') ?? '', { clientId: form.get('client_id') ?? '', redirectUri: form.get('redirect_uri') ?? '', codeVerifier: verifier });
    if (!grant) return void sendJson(res, 400, { error: 'invalid_grant' });
    const signer = await issuer;
    const { principal } = grant;
    const accessToken = await signer.sign(devTokenClaims({ ...principal.token, client: grant.clientId }), { subject: principal.token.sub, ttlSeconds: TOKEN_TTL_SECONDS });
    const idToken = await signer.sign(
      { ...(grant.nonce ? { nonce: grant.nonce } : {}), name: principal.label, amr: principal.token.mfa ? ['pwd', 'mfa'] : ['pwd'] },
      { subject: principal.token.sub, ttlSeconds: TOKEN_TTL_SECONDS, audience: grant.clientId },
    );
    sendJson(res, 200, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, scope: grant.scope });
  }

  /** Handles the provider's paths; false for any other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path !== DEV_OIDC_PREFIX && !path.startsWith(`${DEV_OIDC_PREFIX}/`)) return false;
    const origin = originOf(req);
    if (!origin) return void sendText(res, 400, 'Bad Host header'), true;
    const base = `${origin}${DEV_OIDC_PREFIX}`;
    switch (path.slice(DEV_OIDC_PREFIX.length)) {
      case '/.well-known/openid-configuration':
        sendJson(res, 200, {
          // The tokens' issuer is the development issuer's name, which the API checks (AUTH_ISSUER is not used with it).
          issuer: DEV_ISSUER,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          jwks_uri: `${base}/jwks`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          scopes_supported: ['openid'],
        });
        return true;
      case '/authorize':
        await authorize(req, res, origin);
        return true;
      case '/token':
        await token(req, res);
        return true;
      case '/jwks':
        sendJson(res, 200, (await issuer).jwks);
        return true;
      case '/sign-in.css':
        res.setHeader('cache-control', 'no-cache');
        send(res, 200, 'text/css; charset=utf-8', SIGN_IN_CSS);
        return true;
      default:
        sendJson(res, 404, { error: 'not found' });
        return true;
    }
  };
}

function authorizationRequest(params: URLSearchParams, origin: string): AuthorizationRequest | { problem: string } {
  if (params.get('response_type') !== 'code') return { problem: 'response_type must be code' };
  const clientId = params.get('client_id');
  if (!clientId || !/^[\w.:-]{1,255}$/.test(clientId)) return { problem: 'client_id is required' };
  if (params.get('code_challenge_method') !== 'S256' || !CODE_CHALLENGE.test(params.get('code_challenge') ?? '')) {
    return { problem: 'PKCE is required: code_challenge with code_challenge_method S256' };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  let redirect: URL | null = null;
  try {
    redirect = new URL(redirectUri);
  } catch {
    // reported below
  }
  // Only back to this platform's own pages: a code is never sent to another site.
  if (!redirect || redirect.origin !== origin || redirect.hash) return { problem: 'redirect_uri must be a page of this origin' };
  return { clientId, redirectUri, codeChallenge: params.get('code_challenge')!, nonce: params.get('nonce'), scope: params.get('scope') ?? 'openid' };
}

/** The origin the browser used; the Host header is checked to be a host (and port) only. */
function originOf(req: IncomingMessage): string | null {
  const host = req.headers.host ?? '';
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${tls ? 'https' : 'http'}://${host}`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(size > MAX_FORM_BYTES ? '' : Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(body);
}
const sendText = (res: ServerResponse, status: number, text: string) => send(res, status, 'text/plain; charset=utf-8', text);
const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));
