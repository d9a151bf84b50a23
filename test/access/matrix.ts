import type { Outcome, READS, WRITES } from './operations.ts';
import type { Principal } from './principals.ts';

/**
 * THE ACCESS MATRIX: role x operation -> expected outcome, for one patient P of organization A,
 * P's device D and one of P's observations O (see principals.ts for who each caller is).
 * Every cell runs through the router, in both modes, against the database (access.e2e.test.ts).
 * Change the policy here first; the tests follow.
 */
type ReadRow = Record<keyof typeof READS, Outcome>;
type WriteRow = Partial<Record<keyof typeof WRITES, Outcome>>;

const every = (outcome: Outcome, list: Outcome = outcome === 'not_found' ? 'absent' : outcome): ReadRow => ({
  patientRecord: outcome,
  patientFields: outcome,
  patientPhi: outcome,
  patientList: list,
  patientDevices: outcome,
  patientVitals: outcome,
  patientSummary: outcome,
  deviceRecord: outcome,
  deviceSerial: outcome,
  deviceList: list,
  devicePatientPhi: outcome,
  deviceObservations: outcome,
  observationRecord: outcome,
  observationPatientPhi: outcome,
  patientAccessLog: outcome,
  // Only auditors read the trail; everyone else is refused whatever their reach.
  auditEvents: outcome === 'unauth' || outcome === 'mfa' ? outcome : 'forbidden',
});

const FULL = every('ok', 'present');
const OUT_OF_REACH = every('not_found');

export const READ_MATRIX: Record<Principal, ReadRow> = {
  anonymous: every('unauth'),
  patientSelf: FULL,
  patientOther: OUT_OF_REACH,
  // A clinician sees the patient's data, but not who else looked at it.
  clinicianOnTeam: { ...FULL, patientAccessLog: 'forbidden' },
  clinicianOffTeam: OUT_OF_REACH,
  clinicianNoMfa: every('mfa'),
  clinicianOtherOrg: OUT_OF_REACH,
  orgAdmin: FULL,
  orgAdminNoMfa: every('mfa'),
  orgAdminOtherOrg: OUT_OF_REACH,
  // A device reaches itself only, and sees no patient data and no observations.
  deviceAssigned: {
    ...every('forbidden'),
    deviceRecord: 'ok',
    deviceSerial: 'ok',
    deviceList: 'present',
  },
  deviceOther: {
    ...every('forbidden'),
    deviceRecord: 'not_found',
    deviceSerial: 'not_found',
    deviceList: 'absent',
    devicePatientPhi: 'not_found',
    deviceObservations: 'not_found',
  },
  integratorNoScope: every('forbidden'),
  integratorPatientsRead: { ...every('forbidden'), patientRecord: 'ok', patientFields: 'ok', patientList: 'present' },
  integratorPhi: { ...every('forbidden'), patientRecord: 'ok', patientFields: 'ok', patientPhi: 'ok', patientList: 'present' },
  integratorDevicesRead: { ...every('forbidden'), deviceRecord: 'ok', deviceSerial: 'ok', deviceList: 'present' },
  integratorDevicesWrite: every('forbidden'),
  integratorObservationsRead: { ...every('forbidden'), observationRecord: 'ok' },
  integratorObservationsWrite: every('forbidden'),
  integratorOtherOrg: OUT_OF_REACH,
  // De-identified: all organizations, no direct identifiers.
  analyst: {
    ...FULL,
    patientPhi: 'forbidden',
    deviceSerial: 'forbidden',
    devicePatientPhi: 'forbidden',
    observationPatientPhi: 'forbidden',
    patientAccessLog: 'forbidden',
  },
  auditor: { ...every('forbidden'), auditEvents: 'ok' },
};

/** Writes, run in this order after the reads. A missing cell is not run. */
export const WRITE_MATRIX: Partial<Record<Principal, WriteRow>> = {
  anonymous: { createPatient: 'unauth', recordObservations: 'unauth', registerDevice: 'unauth', amendObservation: 'unauth' },
  orgAdminNoMfa: { createPatient: 'mfa', updatePatient: 'mfa' },
  orgAdmin: {
    createPatient: 'ok',
    updatePatient: 'ok',
    addCareTeamMember: 'ok',
    registerDevice: 'ok',
    assignDevice: 'ok',
    assignAcrossTenants: 'not_found',
    recordObservations: 'forbidden',
    // Corrections are clinical work (DESIGN.md: clinicians amend observations).
    amendObservation: 'forbidden',
  },
  orgAdminOtherOrg: {
    createPatient: 'ok',
    updatePatient: 'not_found',
    addCareTeamMember: 'not_found',
    assignDevice: 'not_found',
    unassignDevice: 'not_found',
  },
  clinicianOnTeam: {
    createPatient: 'forbidden',
    updatePatient: 'forbidden',
    addCareTeamMember: 'forbidden',
    registerDevice: 'forbidden',
    assignDevice: 'forbidden',
    recordObservations: 'ok',
    amendObservation: 'ok',
  },
  clinicianOffTeam: { recordObservations: 'not_found', amendObservation: 'not_found' },
  clinicianNoMfa: { amendObservation: 'mfa' },
  clinicianOtherOrg: { amendObservation: 'not_found' },
  patientSelf: { createPatient: 'forbidden', updatePatient: 'forbidden', recordObservations: 'forbidden', amendObservation: 'forbidden' },
  deviceAssigned: { recordObservations: 'ok', recordAsAnotherDevice: 'forbidden', registerDevice: 'forbidden', updatePatient: 'forbidden', amendObservation: 'forbidden' },
  deviceOther: { recordObservations: 'not_found' },
  integratorPhi: { updatePatient: 'forbidden', recordObservations: 'forbidden' },
  integratorDevicesRead: { registerDevice: 'forbidden', assignDevice: 'forbidden' },
  integratorDevicesWrite: { registerDevice: 'ok', assignDevice: 'ok', unassignDevice: 'ok', createPatient: 'forbidden' },
  integratorObservationsRead: { recordObservations: 'forbidden', amendObservation: 'forbidden' },
  integratorObservationsWrite: { recordObservations: 'ok', registerDevice: 'forbidden', amendObservation: 'ok' },
  integratorOtherOrg: { recordObservations: 'not_found', assignDevice: 'not_found', updatePatient: 'forbidden', amendObservation: 'not_found' },
  analyst: { createPatient: 'forbidden', recordObservations: 'forbidden', registerDevice: 'forbidden', amendObservation: 'forbidden' },
  auditor: { createPatient: 'forbidden', recordObservations: 'forbidden', assignDevice: 'forbidden', amendObservation: 'forbidden' },
};
