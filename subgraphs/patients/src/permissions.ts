import { allow, rules } from '@caregraph/platform';

/**
 * Field-level rules of the patients subgraph (record-level reach is in the repository).
 * Every `@phi` field uses `rules.readPhi`; a test checks that against the SDL.
 */
export const permissions = {
  Query: { patient: rules.readPatients, patients: rules.readPatients },
  Mutation: {
    createPatient: rules.managePatients,
    updatePatient: rules.managePatients,
    addCareTeamMember: rules.managePatients,
    erasePatient: rules.managePatients,
  },
  Patient: {
    id: rules.signedIn,
    organizationId: rules.readPatients,
    mrn: rules.readPhi,
    name: rules.readPhi,
    birthDate: rules.readPhi,
    contact: rules.readPhi,
    sex: rules.readPatients,
    ageBand: rules.readPatients,
    careTeam: rules.readCareTeam,
    createdAt: rules.readPatients,
  },
  HumanName: { family: allow, given: allow, text: allow },
  ContactPoint: { email: allow, phone: allow },
  PatientConnection: { edges: allow, pageInfo: allow },
  PatientEdge: { cursor: allow, node: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  ErasePatientPayload: { patientId: allow, observationsDeleted: allow, devicesUnassigned: allow },
  // Reach is checked in its reference resolver: only the clinician themself.
  CareTeamPanel: { clinicianId: allow, patientIds: allow, patientIdsAmong: allow },
};
