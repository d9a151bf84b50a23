import { date, index, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The patients domain owns this PostgreSQL schema; no other domain reads or writes it. */
export const patientsSchema = pgSchema('patients');

export const sexEnum = patientsSchema.enum('sex', ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN']);

export const patients = patientsSchema.table(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    mrn: text('mrn').notNull(),
    familyName: text('family_name').notNull(),
    givenNames: text('given_names').array().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: sexEnum('sex').notNull(),
    email: text('email'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('patients_organization_mrn_key').on(t.organizationId, t.mrn),
    // Keyset pagination within a tenant: (organization, created_at, id).
    index('patients_organization_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('patients_created_idx').on(t.createdAt, t.id),
  ],
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
