/** The roles' names as people read them. */
const ROLE_NAMES: Record<string, string> = {
  clinician: 'Clinician',
  org_admin: 'Organization admin',
  patient: 'Patient',
  auditor: 'Auditor',
  analyst: 'Analyst',
  integrator: 'Integrator',
  device: 'Device',
};

export function roleName(role: string | null | undefined): string {
  return role ? (ROLE_NAMES[role] ?? role) : 'Unknown role';
}
