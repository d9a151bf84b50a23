import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from '@caregraph/platform';

/**
 * The bench's token issuer published as an identity provider publishes its keys (a JWKS over
 * HTTP). The bench runs with NODE_ENV=production, as deployed, where the platform refuses to
 * trust the development issuer's key file; its tokens then verify as a provider's would.
 */
export async function serveIssuerKeys(devKeyFile: string): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const jwks = JSON.stringify((await DevIssuer.open(devKeyFile)).jwks);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    env: { AUTH_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`, AUTH_JWKS_ALLOW_HTTP: 'true', AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: DEV_AUDIENCE },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
