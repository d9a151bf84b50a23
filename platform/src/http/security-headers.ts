import type { ServerResponse } from 'node:http';

/**
 * Content-Security-Policy of API answers: JSON is never a document, so it may load nothing and be
 * framed nowhere. Pages set their own (the dashboard's, router/src/dashboard/; the development
 * GraphQL explorer's, router/src/dashboard/explorer.ts); Apollo Server's landing page is off in
 * every server, so no Apollo answer is a page.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every response of a caregraph HTTP server (OWASP secure headers for APIs): no MIME
 * sniffing, no framing (clickjacking), no referrer, no caching of answers that may hold PHI, and
 * with TLS, HSTS so a browser never falls back to plain HTTP.
 */
export function setSecurityHeaders(res: ServerResponse, tls: boolean): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', API_CSP);
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  if (tls) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
