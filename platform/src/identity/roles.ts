/** The roles of the access model (DESIGN.md, "Authorization"). */
export const ROLES = ['patient', 'clinician', 'org_admin', 'device', 'integrator', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must have signed in with a second factor. */
export const MFA_ROLES: ReadonlySet<Role> = new Set(['clinician', 'org_admin', 'auditor']);

/** `amr` values that count as multi-factor (RFC 8176). */
export const MFA_METHODS: ReadonlySet<string> = new Set(['mfa', 'otp', 'hwk']);

/** Integrator scopes: an integrator reaches only what its scopes name. */
export const SCOPES = [
  'patients:read',
  'patients:read:phi',
  'devices:read',
  'devices:write',
  'observations:read',
  'observations:write',
] as const;
export type IntegratorScope = (typeof SCOPES)[number];

/** Roles that belong to one organization (every role but the cross-organization analyst). */
export function isOrganizationRole(role: Role): boolean {
  return role !== 'analyst';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
