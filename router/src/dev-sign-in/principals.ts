import { planDemoData, SMALL_DEMO, type DevTokenOptions } from '@caregraph/platform';

/** A demo principal of the development issuer: who it is, and the token claims it signs in with. */
export interface DevPrincipal {
  /** Its `login_hint`. */
  id: string;
  label: string;
  description: string;
  token: Omit<DevTokenOptions, 'client' | 'ttl'>;
}

/**
 * The principals of the demo data (deterministic, so these ids exist whenever it was seeded): one
 * of each role a person signs in with, MFA where the role needs it (as an IdP's second factor).
 */
export function demoPrincipals(): DevPrincipal[] {
  const plan = planDemoData(SMALL_DEMO);
  const organization = plan.organizations[0]!;
  const clinician = plan.patients[0]!.careTeam[0]!;
  const careTeamSize = plan.patients.filter((p) => p.careTeam.includes(clinician)).length;
  const patient = plan.patients[0]!;
  return [
    {
      id: 'clinician',
      label: 'Clinician',
      description: `${organization.name}: care team of ${careTeamSize} patients, signed in with MFA`,
      token: { role: 'clinician', sub: clinician, org: organization.id, mfa: true },
    },
    {
      id: 'org-admin',
      label: 'Organization admin',
      description: `${organization.name}: every patient and device, signed in with MFA`,
      token: { role: 'org_admin', sub: 'admin-1', org: organization.id, mfa: true },
    },
    {
      id: 'patient',
      label: 'Patient',
      description: `${patient.given[0]} ${patient.family}: their own record only`,
      token: { role: 'patient', sub: `patient-${patient.id.slice(0, 8)}`, org: organization.id, patient: patient.id },
    },
    {
      id: 'auditor',
      label: 'Auditor',
      description: `${organization.name}: the audit trail, signed in with MFA`,
      token: { role: 'auditor', sub: 'auditor-1', org: organization.id, mfa: true },
    },
    {
      id: 'analyst',
      label: 'Analyst',
      description: 'Every organization, de-identified: no names or direct identifiers',
      token: { role: 'analyst', sub: 'analyst-1' },
    },
  ];
}
