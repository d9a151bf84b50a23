import type { JWTPayload } from 'jose';
import { CaregraphError } from '@caregraph/schema-standards';

/**
 * Bounds the damage a leaked token can do: a token may live at most `maxAgeSeconds` from when it
 * was issued to when it expires (`exp - iat`), and may not claim to be issued in the future
 * (beyond the clock tolerance): a future `iat` would stretch a short-looking lifetime, and no
 * honest issuer signs one. `exp` and `iat` are required (RFC 9068 and OIDC both require them);
 * jose has checked they are numeric dates and that `exp` has not passed.
 */
export function checkTokenLifetime(payload: JWTPayload, limits: { maxAgeSeconds: number; clockToleranceSeconds: number }, nowSeconds = Date.now() / 1000): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw refused('claim "iat" or "exp" is missing');
  if (iat > nowSeconds + limits.clockToleranceSeconds) throw refused('claim "iat" is invalid');
  if (exp - iat > limits.maxAgeSeconds) throw refused('it is valid for longer than this platform accepts');
}

function refused(reason: string): CaregraphError {
  return new CaregraphError('UNAUTHENTICATED', `The token is not acceptable: ${reason}.`);
}
