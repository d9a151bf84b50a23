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

/** Internal entity for other domains: a clinician's own panel, and nobody else's. */
export const CareTeamPanel: CareTeamPanelResolvers = {
  async __resolveReference(reference, context) {
    const viewer = context.request.viewer;
    if (viewer?.role !== 'clinician' || viewer.sub !== reference.clinicianId || !viewer.organizationId) return null;
    return { clinicianId: viewer.sub, patientIds: await context.repository.careTeamPanel(viewer.organizationId, viewer.sub) };
  },
};
