import { index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The patients domain owns this PostgreSQL schema; no other domain reads or writes it. */
export const patientsSchema = pgSchema('patients');

export const sexEnum = patientsSchema.enum('sex', ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN']);

/**
 * Direct identifiers are stored only encrypted (`*_enc`, AES-256-GCM under the patient's data key,
 * see crypto/patient-vault.ts); exact-match lookups use keyed blind indexes (`*_index`).
 */
export const patients = patientsSchema.table(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    nameEnc: text('name_enc').notNull(),
    birthDateEnc: text('birth_date_enc').notNull(),
    mrnEnc: text('mrn_enc').notNull(),
    contactEnc: text('contact_enc'),
    mrnIndex: text('mrn_index').notNull(),
    emailIndex: text('email_index'),
    sex: sexEnum('sex').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('patients_organization_mrn_index_key').on(t.organizationId, t.mrnIndex),
    index('patients_organization_email_index_idx').on(t.organizationId, t.emailIndex),
    // Keyset pagination within a tenant: (organization, created_at, id).
    index('patients_organization_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('patients_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * One data key per patient, wrapped by a key-encryption key from the KeyProvider. Deleting a row
 * crypto-shreds the patient: every ciphertext of theirs becomes unreadable.
 */
export const patientKeys = patientsSchema.table(
  'patient_keys',
  {
    patientId: uuid('patient_id')
      .primaryKey()
      .references(() => patients.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    kekId: text('kek_id').notNull(),
    kekVersion: integer('kek_version').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('patient_keys_kek_version_idx').on(t.kekVersion)],
);

/** A care team lists clinicians by their identity-provider subject id. */
export const careTeamMembers = patientsSchema.table(
  'care_team_members',
  {
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    clinicianId: text('clinician_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.clinicianId] }),
    index('care_team_members_clinician_idx').on(t.clinicianId, t.patientId),
  ],
);

export type PatientRow = typeof patients.$inferSelect;
export type PatientKeyRow = typeof patientKeys.$inferSelect;
