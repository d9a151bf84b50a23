import type { PatientsContext } from '../context.ts';
import type { CareTeamPanelResolvers, PatientResolvers } from '../generated/resolvers-types.ts';

/** HIPAA Safe Harbor style bands; everyone 90 or older shares one band. */
export function ageBand(birthDate: string, today = new Date()): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  if (age < 18) return '0-17';
  if (age < 30) return '18-29';
  if (age >= 90) return '90+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}`;
}

export const Patient: PatientResolvers = {
  __resolveReference(reference, context) {
    return context.loaders.patientById.load(reference.id);
  },
  mrn(patient, _args, context) {
    context.audit.read('Patient', patient.id, patient.id, ['mrn']);
    return patient.mrn;
  },
  birthDate(patient, _args, context) {
    context.audit.read('Patient', patient.id, patient.id, ['birthDate']);
    return patient.birthDate;
  },
  name(patient, _args, context) {
    context.audit.read('Patient', patient.id, patient.id, ['name']);
    return {
      family: patient.familyName,
      given: patient.givenNames,
      text: [...patient.givenNames, patient.familyName].join(' '),
    };
  },
  contact(patient, _args, context) {
    context.audit.read('Patient', patient.id, patient.id, ['contact']);
    return { email: patient.email, phone: patient.phone };
  },
  ageBand(patient) {
    return ageBand(patient.birthDate);
  },
  careTeam(patient, _args, context) {
    return context.loaders.careTeamByPatientId.load(patient.id);
  },
};

/** The signed-in clinician's own organization, when the panel asked for is theirs; else null. */
function ownPanelOrganization(clinicianId: string, context: PatientsContext): string | null {
  const viewer = context.request.viewer;
  return viewer?.role === 'clinician' && viewer.sub === clinicianId && viewer.organizationId ? viewer.organizationId : null;
}

/**
 * Internal entity for other domains: a clinician's own panel, and nobody else's. The whole panel
 * (for lists) or a membership check of given patients (for lookups by patient) is read only when
 * that field is asked for.
 */
export const CareTeamPanel: CareTeamPanelResolvers = {
  __resolveReference(reference, context) {
    return ownPanelOrganization(reference.clinicianId, context) ? { __typename: 'CareTeamPanel', clinicianId: reference.clinicianId } : null;
  },
  async patientIds(panel, _args, context) {
    const organizationId = ownPanelOrganization(panel.clinicianId, context);
    return organizationId ? context.repository.careTeamPanel(organizationId, panel.clinicianId) : [];
  },
  async patientIdsAmong(panel, args, context) {
    const organizationId = ownPanelOrganization(panel.clinicianId, context);
    return organizationId ? context.repository.careTeamPanel(organizationId, panel.clinicianId, args.ids) : [];
  },
};
