import { CaregraphError } from '@caregraph/schema-standards';

/** An authenticated principal. Filled in by the identity layer; `null` while a request is anonymous. */
export interface Viewer {
  sub: string;
  role: string;
  organizationId: string | null;
  scopes: readonly string[];
  patientId: string | null;
  deviceId: string | null;
}

/** What every service knows about the request it is serving, however the request reached it. */
export interface RequestInfo {
  /** Correlates logs, audit events and responses; `x-request-id`. */
  requestId: string;
  viewer: Viewer | null;
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
