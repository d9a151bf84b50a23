import { resolve } from 'node:path';
import { signDevToken, type DevTokenOptions } from '@caregraph/platform';

const ROOT = resolve(import.meta.dirname, '../..');
/** The development issuer key the test platforms trust (passed to them as AUTH_DEV_KEY_FILE). */
export const TEST_DEV_KEY_FILE = resolve(ROOT, '.data/dev-issuer.json');
export const TEST_ROUTER_SECRET_FILE = resolve(ROOT, '.data/router-secret');
/** The PHI key file the test platforms use (KEYS_FILE). */
export const TEST_KEYS_FILE = resolve(ROOT, '.data/keys.json');

export function tokenFor(options: DevTokenOptions): Promise<string> {
  return signDevToken(TEST_DEV_KEY_FILE, options);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
