import { doublePrecision, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The observations domain owns this PostgreSQL schema; no other domain reads or writes it. */
export const observationsSchema = pgSchema('observations');

export const observationStatus = observationsSchema.enum('observation_status', [
  'PRELIMINARY',
  'FINAL',
  'AMENDED',
  'ENTERED_IN_ERROR',
]);

/**
 * Range-partitioned by month on `effective_at` (monthly partitions `observations_YYYY_MM` made ahead
 * by the domain, see partitions.ts, and `observations_default` for readings outside them). drizzle
 * cannot declare partitioning: migration 0003 is hand-written SQL. The primary key has to include
 * the partition key; ids are unique across partitions through `observation_keys`.
 */
export const observations = observationsSchema.table(
  'observations',
  {
    id: uuid('id').notNull().defaultRandom(),
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
    /** Who sent it (a device id or a client's subject): provenance; its idempotency key is in `observation_keys`. */
    sourceId: text('source_id').notNull(),
    /** The value and unit as sent, when they were converted to the code's UCUM unit; null when stored as sent. */
    reportedValue: doublePrecision('reported_value'),
    reportedUnit: text('reported_unit'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.effectiveAt] }),
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
 * Idempotency, across every partition: one row per observation, written in the same statement as
 * the observation. A unique index on a partitioned table must include the partition key, so the
 * keys live here, where a retried batch is refused even when its timestamps changed; `effective_at`
 * says which partition holds the observation (retention deletes a dropped month's keys by it).
 */
export const observationKeys = observationsSchema.table(
  'observation_keys',
  {
    organizationId: uuid('organization_id').notNull(),
    /** The sender (a device id or a client's subject); keys are unique per organization and sender. */
    sourceId: text('source_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    observationId: uuid('observation_id').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.sourceId, t.idempotencyKey] }),
    uniqueIndex('observation_keys_observation_idx').on(t.observationId),
    // Retention deletes the keys of a dropped month by time; keys arrive roughly in time order.
    index('observation_keys_effective_brin').using('brin', t.effectiveAt),
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
