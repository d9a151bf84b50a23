import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DevPrincipal } from './principals.ts';

/** How long a code may wait for its exchange (RFC 6749 recommends at most 10 minutes; a browser needs seconds). */
const CODE_TTL_MS = 60_000;
/** Codes outstanding at once: a loop of authorization requests cannot grow the map without bound. */
const MAX_PENDING = 1_000;

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  scope: string;
}

interface Pending extends AuthorizationRequest {
  principal: DevPrincipal;
  expires: number;
}

const base64Url = (bytes: Buffer) => bytes.toString('base64url');

/** The development issuer's authorization codes: single use, short-lived, bound to a PKCE challenge (S256 only). */
export class AuthorizationCodes {
  private readonly pending = new Map<string, Pending>();

  issue(request: AuthorizationRequest, principal: DevPrincipal, now = Date.now()): string {
    for (const [code, entry] of this.pending) if (entry.expires <= now) this.pending.delete(code);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const code = base64Url(randomBytes(32));
    this.pending.set(code, { ...request, principal, expires: now + CODE_TTL_MS });
    return code;
  }

  /** The code's grant if everything matches; the code is spent either way (a replay finds nothing). */
  redeem(code: string, check: { clientId: string; redirectUri: string; codeVerifier: string }, now = Date.now()): Pending | null {
    const entry = this.pending.get(code);
    this.pending.delete(code);
    if (!entry || entry.expires <= now) return null;
    if (entry.clientId !== check.clientId || entry.redirectUri !== check.redirectUri) return null;
    const challenge = Buffer.from(base64Url(createHash('sha256').update(check.codeVerifier).digest()));
    const expected = Buffer.from(entry.codeChallenge);
    return challenge.length === expected.length && timingSafeEqual(challenge, expected) ? entry : null;
  }
}

/** RFC 7636: a verifier is 43-128 characters of [A-Z a-z 0-9 - . _ ~]; an S256 challenge is 43 base64url characters. */
export const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
