import { config } from '../config.ts';

export type Role = 'patient' | 'clinician' | 'org_admin' | 'device' | 'integrator' | 'analyst' | 'auditor';
const ROLES: readonly Role[] = ['patient', 'clinician', 'org_admin', 'device', 'integrator', 'analyst', 'auditor'];

/**
 * Who is signed in, as the access token says: used to choose the navigation and the landing view
 * only. What the caller may see is decided by the API on every request, never here.
 */
export interface Principal {
  subject: string;
  role: Role;
  organizationId: string | null;
  patientId: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

function claimAt(payload: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], payload);
}

function base64UrlJson(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** Reads a JWT's claims (not its signature: the API verifies that); null when it is not a JWT with a known role. */
export function principalOf(token: string): Principal | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = base64UrlJson(payload);
  } catch {
    return null;
  }
  const rawRole = claimAt(claims, config.claims.role);
  const role = (Array.isArray(rawRole) ? rawRole : [rawRole]).find((r): r is Role => ROLES.includes(r as Role));
  if (!role || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
  return {
    subject: claims.sub,
    role,
    organizationId: text(claimAt(claims, config.claims.organization)),
    patientId: text(claimAt(claims, config.claims.patient)),
    expiresAt: claims.exp,
  };
}
