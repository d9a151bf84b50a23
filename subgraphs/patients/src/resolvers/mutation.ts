import { isUniqueViolation, organizationOf } from '@caregraph/platform';
import { badUserInput, isId, notFound } from '@caregraph/schema-standards';
import type { PatientsContext } from '../context.ts';
import { erasePatient } from './erase-patient.ts';
import {
  checkClinicianId,
  checkCreatePatient,
  checkUpdatePatient,
  type CreatePatientInput,
  type UpdatePatientInput,
} from '../validation.ts';

const MRN_TAKEN = () => badUserInput('input.mrn', 'is already used by another patient of this organization');

/** The unique index, not a prior SELECT, decides: two concurrent writes cannot both pass. */
async function guardMrn<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'patients_organization_mrn_index_key')) throw MRN_TAKEN();
    throw error;
  }
}

async function existingPatient(id: string, context: PatientsContext) {
  const patient = isId(id) ? await context.loaders.patientById.load(id) : null;
  if (!patient) throw notFound('Patient');
  return patient;
}

export const Mutation = {
  async createPatient(_: unknown, args: { input: CreatePatientInput }, context: PatientsContext) {
    const organizationId = organizationOf(context.request);
    const fields = checkCreatePatient(args.input);
    return guardMrn(
      context.repository.insert({ ...fields, organizationId }, (tx, patient) =>
        context.audit.write('create', 'Patient', patient.id, patient.id, Object.keys(args.input), tx),
      ),
    );
  },

  async updatePatient(_: unknown, args: { id: string; input: UpdatePatientInput }, context: PatientsContext) {
    organizationOf(context.request);
    const patient = await existingPatient(args.id, context);
    const changes = checkUpdatePatient(args.input);
    if (Object.keys(changes).length === 0) return patient;
    const updated = await guardMrn(
      context.repository.update(patient, changes, (tx) =>
        context.audit.write('update', 'Patient', patient.id, patient.id, Object.keys(args.input), tx),
      ),
    );
    return updated ?? patient;
  },

  async addCareTeamMember(_: unknown, args: { patientId: string; clinicianId: string }, context: PatientsContext) {
    organizationOf(context.request);
    const patient = await existingPatient(args.patientId, context);
    await context.repository.addCareTeamMember(patient, checkClinicianId(args.clinicianId), (tx) =>
      context.audit.write('update', 'Patient', patient.id, patient.id, ['careTeam'], tx),
    );
    context.loaders.careTeamByPatientId.clear(patient.id);
    return patient;
  },

  erasePatient,
};
