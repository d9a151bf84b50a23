import type { DemoPlan, DevTokenOptions } from '@caregraph/platform';

/**
 * The callers of the access matrix, each defined relative to one target patient P of demo
 * organization A (P's device D, P's care team). `null` is a caller with no token at all.
 */
export const PRINCIPALS = [
  'anonymous',
  'patientSelf',
  'patientOther',
  'clinicianOnTeam',
  'clinicianOffTeam',
  'clinicianNoMfa',
  'clinicianOtherOrg',
  'orgAdmin',
  'orgAdminNoMfa',
  'orgAdminOtherOrg',
  'deviceAssigned',
  'deviceOther',
  'integratorNoScope',
  'integratorPatientsRead',
  'integratorPhi',
  'integratorDevicesRead',
  'integratorDevicesWrite',
  'integratorObservationsRead',
  'integratorObservationsWrite',
  'integratorOtherOrg',
  'analyst',
  'auditor',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export interface Targets {
  orgA: string;
  orgB: string;
  patient: DemoPlan['patients'][number];
  otherPatient: DemoPlan['patients'][number];
  device: DemoPlan['devices'][number];
  otherDevice: DemoPlan['devices'][number];
  spareDevice: DemoPlan['devices'][number];
  observationId: string;
  /** The code, unit and value of that observation (a correction must be in its code's unit). */
  observation: { code: string; unit: string; value: number };
  otherOrgPatientId: string;
}

export function targetsOf(plan: DemoPlan): Targets {
  const [a, b] = plan.organizations as [DemoPlan['organizations'][number], DemoPlan['organizations'][number]];
  const patient = plan.patients.find((p) => p.organizationId === a.id)!;
  const otherPatient = plan.patients.find((p) => p.organizationId === a.id && p.id !== patient.id)!;
  const device = plan.devices.find((d) => d.assignedPatientId === patient.id)!;
  const otherDevice = plan.devices.find((d) => d.organizationId === a.id && d.assignedPatientId === otherPatient.id)!;
  const spareDevice = plan.devices.find((d) => d.organizationId === a.id && d.assignedPatientId === null)!;
  let observationId = '';
  let observation = { code: '', unit: '', value: 0 };
  for (const o of plan.observations()) {
    if (o.patientId === patient.id) {
      observationId = o.id;
      observation = { code: o.code, unit: o.unit, value: o.value };
      break;
    }
  }
  const otherOrgPatientId = plan.patients.find((p) => p.organizationId === b.id)!.id;
  return { orgA: a.id, orgB: b.id, patient, otherPatient, device, otherDevice, spareDevice, observationId, observation, otherOrgPatientId };
}

/** Values that only callers allowed to see PHI may ever receive, by any path. */
export function phiOf(t: Targets): string[] {
  return [t.patient.mrn, t.patient.family, t.patient.email, t.patient.birthDate, t.patient.phone];
}
/** The callers allowed to see P's PHI. */
export const SEES_PHI: ReadonlySet<Principal> = new Set(['patientSelf', 'clinicianOnTeam', 'orgAdmin', 'integratorPhi']);

const ALL_SCOPES = 'patients:read patients:read:phi devices:read devices:write observations:read observations:write';

/** The token claims of each principal (null: no token). */
export function claimsOf(principal: Principal, plan: DemoPlan, t: Targets): DevTokenOptions | null {
  const orgA = plan.organizations[0]!;
  const orgB = plan.organizations[1]!;
  const onTeam = t.patient.careTeam[0]!;
  const offTeam = orgA.clinicians.find((c) => !t.patient.careTeam.includes(c))!;
  const integrator = (scope: string, org = t.orgA): DevTokenOptions => ({ role: 'integrator', sub: `client-${scope || 'none'}`, org, scope });
  switch (principal) {
    case 'anonymous':
      return null;
    case 'patientSelf':
      return { role: 'patient', sub: 'person-p', org: t.orgA, patient: t.patient.id };
    case 'patientOther':
      return { role: 'patient', sub: 'person-q', org: t.orgA, patient: t.otherPatient.id };
    case 'clinicianOnTeam':
      return { role: 'clinician', sub: onTeam, org: t.orgA, mfa: true };
    case 'clinicianOffTeam':
      return { role: 'clinician', sub: offTeam, org: t.orgA, mfa: true };
    case 'clinicianNoMfa':
      return { role: 'clinician', sub: onTeam, org: t.orgA };
    case 'clinicianOtherOrg':
      return { role: 'clinician', sub: orgB.clinicians[0]!, org: t.orgB, mfa: true };
    case 'orgAdmin':
      return { role: 'org_admin', sub: 'admin-a', org: t.orgA, mfa: true };
    case 'orgAdminNoMfa':
      return { role: 'org_admin', sub: 'admin-a', org: t.orgA };
    case 'orgAdminOtherOrg':
      return { role: 'org_admin', sub: 'admin-b', org: t.orgB, mfa: true };
    case 'deviceAssigned':
      return { role: 'device', sub: `device-${t.device.id}`, org: t.orgA, device: t.device.id };
    case 'deviceOther':
      return { role: 'device', sub: `device-${t.otherDevice.id}`, org: t.orgA, device: t.otherDevice.id };
    case 'integratorNoScope':
      return integrator('');
    case 'integratorPatientsRead':
      return integrator('patients:read');
    case 'integratorPhi':
      return integrator('patients:read:phi');
    case 'integratorDevicesRead':
      return integrator('devices:read');
    case 'integratorDevicesWrite':
      return integrator('devices:write');
    case 'integratorObservationsRead':
      return integrator('observations:read');
    case 'integratorObservationsWrite':
      return integrator('observations:write');
    case 'integratorOtherOrg':
      return integrator(ALL_SCOPES, t.orgB);
    case 'analyst':
      return { role: 'analyst', sub: 'analyst-1' };
    case 'auditor':
      return { role: 'auditor', sub: 'auditor-1', org: t.orgA, mfa: true };
  }
}
