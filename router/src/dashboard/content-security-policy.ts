/**
 * The dashboard pages' Content-Security-Policy: scripts, styles, images and fonts of its own
 * origin only (no inline script or style, no eval, no data: URLs), API calls to its own origin,
 * and the OpenID Connect provider for sign-in (its discovery document and token endpoint).
 */
export function dashboardCsp(issuer: string | null): string {
  const provider = issuer ? ` ${new URL(issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${provider}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${provider}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
