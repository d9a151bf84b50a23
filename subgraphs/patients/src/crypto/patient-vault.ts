import { randomBytes } from 'node:crypto';
import { decryptField, encryptField, type BlindIndex, type KeyProvider, type WrappedKey } from '@caregraph/platform';

/** A patient's direct identifiers in the clear: only ever in memory, never in a table. */
export interface PatientIdentifiers {
  mrn: string;
  familyName: string;
  givenNames: string[];
  birthDate: string;
  email: string | null;
  phone: string | null;
}

/** The encrypted columns and blind indexes that stand for PatientIdentifiers at rest. */
export interface SealedIdentifiers {
  nameEnc: string;
  birthDateEnc: string;
  mrnEnc: string;
  contactEnc: string | null;
  mrnIndex: string;
  emailIndex: string | null;
}

export interface SealedRow extends SealedIdentifiers {
  id: string;
}

/**
 * Envelope encryption of patient identifiers: each patient has a data key (AES-256), wrapped by
 * the KeyProvider's key-encryption key and bound to the patient id; each field is encrypted with
 * the data key and bound to (patient id, column), so ciphertexts cannot be moved between rows.
 */
export class PatientVault {
  constructor(
    private readonly keys: KeyProvider,
    private readonly blindIndex: BlindIndex,
  ) {}

  async newDataKey(patientId: string): Promise<{ dataKey: Buffer; wrapped: WrappedKey }> {
    const dataKey = randomBytes(32);
    return { dataKey, wrapped: await this.keys.wrap(dataKey, context(patientId)) };
  }

  unwrap(patientId: string, wrapped: WrappedKey): Promise<Buffer> {
    return this.keys.unwrap(wrapped, context(patientId));
  }

  rewrap(patientId: string, dataKey: Buffer): Promise<WrappedKey> {
    return this.keys.wrap(dataKey, context(patientId));
  }

  seal(patientId: string, dataKey: Buffer, fields: PatientIdentifiers): SealedIdentifiers {
    const enc = (column: string, value: string) => encryptField(dataKey, value, `${patientId}:${column}`);
    const hasContact = fields.email !== null || fields.phone !== null;
    return {
      nameEnc: enc('name', JSON.stringify({ family: fields.familyName, given: fields.givenNames })),
      birthDateEnc: enc('birth_date', fields.birthDate),
      mrnEnc: enc('mrn', fields.mrn),
      contactEnc: hasContact ? enc('contact', JSON.stringify({ email: fields.email, phone: fields.phone })) : null,
      mrnIndex: this.mrnIndex(fields.mrn),
      emailIndex: fields.email ? this.emailIndex(fields.email) : null,
    };
  }

  open(row: SealedRow, dataKey: Buffer): PatientIdentifiers {
    const dec = (column: string, value: string) => decryptField(dataKey, value, `${row.id}:${column}`);
    const name = JSON.parse(dec('name', row.nameEnc)) as { family: string; given: string[] };
    const contact = row.contactEnc
      ? (JSON.parse(dec('contact', row.contactEnc)) as { email: string | null; phone: string | null })
      : { email: null, phone: null };
    return {
      mrn: dec('mrn', row.mrnEnc),
      familyName: name.family,
      givenNames: name.given,
      birthDate: dec('birth_date', row.birthDateEnc),
      email: contact.email,
      phone: contact.phone,
    };
  }

  mrnIndex(mrn: string): string {
    return this.blindIndex.of('mrn', mrn);
  }

  emailIndex(email: string): string {
    return this.blindIndex.of('email', email);
  }
}

function context(patientId: string): string {
  return `caregraph:patient:${patientId}`;
}
