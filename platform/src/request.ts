import { CaregraphError } from '@caregraph/schema-standards';

import type { Role } from './identity/roles.ts';

/** An authenticated principal, from a verified token (see identity/claims.ts). */
export interface Viewer {
  sub: string;
  role: Role;
  /** The tenant; null only for the cross-organization analyst. */
  organizationId: string | null;
  scopes: readonly string[];
  /** For role `patient`: the patient record the person is. */
  patientId: string | null;
  /** For role `device`: the device the token was issued to. */
  deviceId: string | null;
  /** Signed in with a second factor (`amr` has mfa, otp or hwk). */
  mfa: boolean;
  /** The OAuth client the token was issued to, when the provider says (`azp`/`client_id`). */
  clientId: string | null;
}

/** What every service knows about the request it is serving, however the request reached it. */
export interface RequestInfo {
  /** The platform's own id: correlates logs, audit events and responses (`x-request-id`). */
  requestId: string;
  /** The caller's own `x-request-id`, when it sent a well-formed one: kept beside ours, never instead. */
  clientRequestId?: string | null;
  viewer: Viewer | null;
  /** The caller's bearer token, forwarded on calls to subgraphs over HTTP; never logged. */
  token: string | null;
  /** Where the request came from, for the audit trail. */
  client?: { address: string | null; userAgent: string | null };
}

/**
 * The tenant a write lands in: always the authenticated caller's organization, never client input.
 */
export function organizationOf(request: RequestInfo): string {
  const organizationId = request.viewer?.organizationId;
  if (!organizationId) {
    throw new CaregraphError('UNAUTHENTICATED', 'Sign in as a member of an organization to make changes.');
  }
  return organizationId;
}
