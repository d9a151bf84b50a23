import { resolve } from 'node:path';
import { signDevToken, type DevTokenOptions } from '@caregraph/platform';

const ROOT = resolve(import.meta.dirname, '../..');
/** The development issuer key the test platforms trust (passed to them as AUTH_DEV_KEY_FILE). */
export const TEST_DEV_KEY_FILE = resolve(ROOT, '.data/dev-issuer.json');
export const TEST_ROUTER_SECRET_FILE = resolve(ROOT, '.data/router-secret');
/** The PHI key file the test platforms use (KEYS_FILE). */
export const TEST_KEYS_FILE = resolve(ROOT, '.data/keys.json');

/**
 * The environment every platform a test starts shares: demo data, the test issuer, keys and router
 * secret, and the test's database (a server's, else embedded PGlite in memory). `extra` comes last.
 */
export function testPlatformEnv(database: { url: string | undefined }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEMO_DATA: 'true',
    PGLITE_DATA_DIR: 'memory',
    DATABASE_POOL_MAX: '4',
    AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
    ROUTER_SECRET_FILE: TEST_ROUTER_SECRET_FILE,
    KEYS_FILE: TEST_KEYS_FILE,
  };
  delete env.DATABASE_URL;
  if (database.url) env.DATABASE_URL = database.url;
  return { ...env, ...extra };
}

export function tokenFor(options: DevTokenOptions): Promise<string> {
  return signDevToken(TEST_DEV_KEY_FILE, options);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
