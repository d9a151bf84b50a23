import type { IncomingMessage } from 'node:http';
import { CaregraphError } from '@caregraph/schema-standards';
import { MFA_ROLES } from '../identity/roles.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import type { Viewer } from '../request.ts';
import { HttpError } from './http-error.ts';

/** The bearer token of an `Authorization` header (RFC 6750 token68 characters), or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** A refused sign-in, with whoever the caller proved to be (for the audit trail), if anyone. */
export class AuthenticationRefused extends HttpError {
  constructor(
    status: 401 | 403,
    code: 'UNAUTHENTICATED' | 'MFA_REQUIRED',
    message: string,
    /** The verified principal, when the token was valid but not enough (MFA); never an unverified claim. */
    readonly viewer: Viewer | null = null,
  ) {
    super(status, code, message);
  }
}

/**
 * Authenticates an HTTP request: a valid bearer token (401 otherwise), and MFA for the roles that
 * need it (403 MFA_REQUIRED). Shared by the router and every subgraph server.
 */
export async function authenticate(req: IncomingMessage, verifier: TokenVerifier): Promise<{ viewer: Viewer; token: string }> {
  const token = bearerToken(req);
  if (!token) throw new AuthenticationRefused(401, 'UNAUTHENTICATED', 'A bearer token is required.');
  let viewer: Viewer;
  try {
    viewer = await verifier.verify(token);
  } catch (error) {
    if (error instanceof CaregraphError) throw new AuthenticationRefused(401, 'UNAUTHENTICATED', error.message);
    throw error;
  }
  if (MFA_ROLES.has(viewer.role) && !viewer.mfa) {
    throw new AuthenticationRefused(403, 'MFA_REQUIRED', `The ${viewer.role} role requires signing in with multi-factor authentication.`, viewer);
  }
  return { viewer, token };
}
