import { doublePrecision, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The observations domain owns this PostgreSQL schema; no other domain reads or writes it. */
export const observationsSchema = pgSchema('observations');

export const observationStatus = observationsSchema.enum('observation_status', [
  'PRELIMINARY',
  'FINAL',
  'AMENDED',
  'ENTERED_IN_ERROR',
]);

export const observations = observationsSchema.table(
  'observations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    /** Owned by the patients domain: no foreign key across domains. */
    patientId: uuid('patient_id').notNull(),
    /** Owned by the devices domain: no foreign key across domains. */
    deviceId: uuid('device_id'),
    code: text('code').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    status: observationStatus('status').notNull().default('FINAL'),
    /** Who sent it (a device id or a client's subject); idempotency keys are unique per organization and sender. */
    sourceId: text('source_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The value and unit as sent, when they were converted to the code's UCUM unit; null when stored as sent. */
    reportedValue: doublePrecision('reported_value'),
    reportedUnit: text('reported_unit'),
  },
  (t) => [
    uniqueIndex('observations_org_source_idempotency_key').on(t.organizationId, t.sourceId, t.idempotencyKey),
    // "Latest per code per patient" and "range by time for a patient and code".
    index('observations_patient_code_time_idx').on(t.patientId, t.code, t.effectiveAt.desc(), t.id.desc()),
    // A patient's timeline across codes.
    index('observations_patient_time_idx').on(t.patientId, t.effectiveAt.desc(), t.id.desc()),
    index('observations_device_time_idx').on(t.deviceId, t.effectiveAt.desc(), t.id.desc()),
    // Time ranges across patients (analytics, retention): rows arrive roughly in time order, so a
    // BRIN of a few kB does what a b-tree of hundreds of MB would (docs/storage.md has the numbers).
    index('observations_effective_brin').using('brin', t.effectiveAt),
  ],
);

/**
 * What an observation was before each correction (amendObservation, markObservationEnteredInError):
 * the record keeps its current state, this keeps every earlier one, with who changed it and why.
 */
export const observationRevisions = observationsSchema.table(
  'observation_revisions',
  {
    observationId: uuid('observation_id').notNull(),
    /** 1 for the first correction, then 2, 3 …: the order of the corrections of one observation. */
    revision: integer('revision').notNull(),
    organizationId: uuid('organization_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    status: observationStatus('status').notNull(),
    /** Why the correction was made (free text, bounded; never logged). */
    reason: text('reason').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.observationId, t.revision] }), index('observation_revisions_patient_idx').on(t.patientId)],
);

/**
 * Patients whose observations were erased. Ingestion refuses readings for them in the same
 * statement that inserts, so a device still sending during an erasure leaves nothing behind.
 */
export const erasedPatients = observationsSchema.table('erased_patients', {
  patientId: uuid('patient_id').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  erasedAt: timestamp('erased_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type ObservationRow = typeof observations.$inferSelect;
