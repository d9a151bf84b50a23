import { badUserInput, checkOptionalText, checkText } from '@caregraph/schema-standards';
import type { NewPatient, PatientChanges } from './db/patient-repository.ts';

interface HumanNameInput {
  family: string;
  given: string[];
}
interface ContactPointInput {
  email?: string | null;
  phone?: string | null;
}
export interface CreatePatientInput {
  mrn: string;
  name: HumanNameInput;
  birthDate: string;
  sex: NewPatient['sex'];
  contact?: ContactPointInput | null;
}
export type UpdatePatientInput = Partial<CreatePatientInput>;

const MRN = { max: 64, pattern: /^[A-Za-z0-9-]+$/, describe: 'may contain only letters, digits and dashes' };
const NAME_PART = { max: 100 };
const EMAIL = { max: 254, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, describe: 'must be an e-mail address' };
const PHONE = { max: 32, pattern: /^\+?[0-9 ()-]{3,}$/, describe: 'may contain only digits, spaces, +, -, ( and )' };

function checkName(field: string, name: HumanNameInput): Pick<NewPatient, 'familyName' | 'givenNames'> {
  if (name.given.length < 1 || name.given.length > 5) throw badUserInput(`${field}.given`, 'must have 1 to 5 names');
  return {
    familyName: checkText(`${field}.family`, name.family, NAME_PART),
    givenNames: name.given.map((given, i) => checkText(`${field}.given[${i}]`, given, NAME_PART)),
  };
}

function checkBirthDate(field: string, birthDate: string, today = new Date()): string {
  // The Date scalar has already checked the format; here only plausibility.
  if (birthDate < '1900-01-01') throw badUserInput(field, 'must not be before 1900-01-01');
  if (birthDate > today.toISOString().slice(0, 10)) throw badUserInput(field, 'must not be in the future');
  return birthDate;
}

function checkContact(field: string, contact: ContactPointInput | null | undefined) {
  return {
    email: checkOptionalText(`${field}.email`, contact?.email, EMAIL),
    phone: checkOptionalText(`${field}.phone`, contact?.phone, PHONE),
  };
}

export function checkCreatePatient(input: CreatePatientInput): Omit<NewPatient, 'organizationId'> {
  return {
    mrn: checkText('input.mrn', input.mrn, MRN),
    ...checkName('input.name', input.name),
    birthDate: checkBirthDate('input.birthDate', input.birthDate),
    sex: input.sex,
    ...checkContact('input.contact', input.contact),
  };
}

export function checkUpdatePatient(input: UpdatePatientInput): PatientChanges {
  const changes: PatientChanges = {};
  if (input.mrn != null) changes.mrn = checkText('input.mrn', input.mrn, MRN);
  if (input.name != null) Object.assign(changes, checkName('input.name', input.name));
  if (input.birthDate != null) changes.birthDate = checkBirthDate('input.birthDate', input.birthDate);
  if (input.sex != null) changes.sex = input.sex;
  if (input.contact !== undefined) Object.assign(changes, checkContact('input.contact', input.contact));
  return changes;
}

/** Clinician ids are identity-provider subjects: opaque strings, bounded and printable. */
export function checkClinicianId(value: string): string {
  return checkText('clinicianId', value, { max: 255 });
}
