import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, LocalKeyFile } from '@caregraph/platform';
import { serverUrl } from './database.ts';
import { TEST_DEV_KEY_FILE } from './tokens.ts';

export interface ProductionEnv {
  /** What a safe production start needs, for startPlatformProcess's extra environment. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Everything `NODE_ENV=production` asks for, provisioned for a test: an identity provider's JWKS
 * (the test issuer's public key served over HTTP, so `tokenFor` tokens verify as a provider's
 * would), a router secret, PHI keys, no demo data, and on embedded PGlite the explicit opt-in
 * with a data directory.
 */
export async function productionEnv(): Promise<ProductionEnv> {
  const jwks = JSON.stringify((await DevIssuer.open(TEST_DEV_KEY_FILE)).jwks);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-production-'));
  const keysFile = join(dir, 'keys.json');
  new LocalKeyFile(keysFile); // provisioned beforehand, as production requires
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    AUTH_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`,
    // A loopback stand-in for the identity provider: plain HTTP only by this explicit opt-in.
    AUTH_JWKS_ALLOW_HTTP: 'true',
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    DEMO_DATA: 'false',
    ROUTER_SECRET: randomBytes(32).toString('hex'),
    KEYS_FILE: keysFile,
    ...(serverUrl() ? {} : { ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION: 'true', PGLITE_DATA_DIR: join(dir, 'pglite') }),
  };
  return {
    env,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
