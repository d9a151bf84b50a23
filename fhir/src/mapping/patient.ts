import type { ContactPoint, Patient } from '@medplum/fhirtypes';
import { mrnSystem, SYSTEMS } from '../systems.ts';
import { metaOf } from './redaction.ts';

/**
 * A patient as the patients domain serves it to this caller: a field the caller may not see is
 * null and named in `withheld` (the graph answers it null with FORBIDDEN).
 */
export interface PatientRecord {
  id: string;
  organizationId: string | null;
  mrn: string | null;
  name: { family: string; given: string[]; text: string } | null;
  birthDate: string | null;
  sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN' | null;
  contact: { email: string | null; phone: string | null } | null;
  createdAt: string | null;
  /** Fields the caller may not see (left out of the resource, which is then marked REDACTED). */
  withheld: readonly string[];
}

const GENDER = { FEMALE: 'female', MALE: 'male', OTHER: 'other', UNKNOWN: 'unknown' } as const;

/** A FHIR R4 Patient: identifier (MRN), name, telecom, gender, birthDate; what the caller may not see left out and said so. */
export function patientToFhir(record: PatientRecord): Patient {
  const telecom: ContactPoint[] = [
    ...(record.contact?.phone ? [{ system: 'phone' as const, value: record.contact.phone, use: 'home' as const }] : []),
    ...(record.contact?.email ? [{ system: 'email' as const, value: record.contact.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: record.id,
    meta: metaOf(record.createdAt, { redacted: record.withheld.length > 0 }),
    ...(record.mrn && record.organizationId
      ? {
          identifier: [
            {
              use: 'usual',
              type: { coding: [{ system: SYSTEMS.identifierType, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
              system: mrnSystem(record.organizationId),
              value: record.mrn,
            },
          ],
        }
      : {}),
    ...(record.name ? { name: [{ use: 'official', family: record.name.family, given: record.name.given, text: record.name.text }] } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(record.sex ? { gender: GENDER[record.sex] } : {}),
    ...(record.birthDate ? { birthDate: record.birthDate } : {}),
    ...(record.organizationId ? { managingOrganization: { reference: `Organization/${record.organizationId}` } } : {}),
  };
}
