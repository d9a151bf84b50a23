import { and, eq, sql } from 'drizzle-orm';
import { arrayLiteral, textList, uuidList, type Db, type InTransaction } from '@caregraph/platform';
import { OBSERVATION_COLUMNS, rowsOf, toObservation, type ObservationRecord } from './rows.ts';
import { erasedPatients, observationRevisions } from './schema.ts';

export interface NewObservation {
  patientId: string;
  deviceId: string | null;
  code: string;
  /** In the code's UCUM unit. */
  value: number;
  unit: string;
  effectiveAt: Date;
  idempotencyKey: string;
  /** As sent, when converted to the code's unit; null when stored as sent. */
  reportedValue: number | null;
  reportedUnit: string | null;
}

export interface StoredObservation extends ObservationRecord {
  idempotencyKey: string;
  /** As first recorded, when it was corrected since (a retry of the original batch is compared with this). */
  recorded?: { value: number; unit: string };
}

export class IdempotencyConflict extends Error {
  constructor(readonly index: number) {
    super('idempotency key reused with a different payload');
  }
}

/** Readings for patients whose observations were erased: refused, nothing of the batch recorded. */
export class ErasedPatients extends Error {
  constructor(readonly indexes: number[]) {
    super('readings for erased patients');
  }
}

const SAME_FIELDS = ['patientId', 'deviceId', 'code', 'value', 'unit'] as const;

/** Whether a resubmitted key carries the reading it first recorded (before any correction of it). */
function samePayload(stored: StoredObservation, input: NewObservation): boolean {
  const original = { ...stored, ...stored.recorded };
  return SAME_FIELDS.every((field) => original[field] === input[field]) && stored.effectiveAt.getTime() === input.effectiveAt.getTime();
}

/** Who a batch is recorded for and by: the same for every reading of one request. */
export interface BatchOrigin {
  organizationId: string;
  /** The sender (a device id or a client's subject); idempotency keys are unique per organization and sender. */
  sourceId: string;
}

/**
 * Writes a batch in one transaction with one INSERT of the batch's columns as arrays (`unnest`):
 * one statement text whatever the batch size, so it is prepared once per connection. Keys already
 * recorded by the same sender of the same organization are skipped by the unique key of
 * `observation_keys`, written in the same statement (so concurrent retries cannot both insert, and
 * a retry whose timestamps moved to another month is still the same reading) and answered with the stored row; a reused key with a
 * different payload rolls the whole batch back. The same statement refuses readings of erased
 * patients (see {@link deleteObservationsOfPatient} for why that cannot race an erasure).
 */
export async function insertObservations(
  db: Db,
  origin: BatchOrigin,
  batch: NewObservation[],
  inTransaction?: InTransaction<StoredObservation[]>,
): Promise<{ rows: StoredObservation[]; recorded: number }> {
  return db.transaction(async (tx) => {
    // The key and the observation in one statement: a key already recorded (or being recorded by a
    // concurrent batch, whose commit this waits for) inserts nothing here, so no reading is stored
    // twice whatever month its timestamp now falls in.
    const inserted = (
      await rowsOf(
        tx as unknown as Db,
        sql`with b as (
              select gen_random_uuid() as id, b.*
              from unnest(
                ${arrayLiteral(batch.map((input) => input.patientId))}::uuid[],
                ${arrayLiteral(batch.map((input) => input.deviceId))}::uuid[],
                ${textList(batch.map((input) => input.code))},
                ${arrayLiteral(batch.map((input) => input.value))}::float8[],
                ${textList(batch.map((input) => input.unit))},
                ${arrayLiteral(batch.map((input) => input.effectiveAt.toISOString()))}::timestamptz[],
                ${textList(batch.map((input) => input.idempotencyKey))},
                ${arrayLiteral(batch.map((input) => input.reportedValue))}::float8[],
                ${textList(batch.map((input) => input.reportedUnit))}
              ) as b(patient_id, device_id, code, value, unit, effective_at, idempotency_key, reported_value, reported_unit)
              where not exists (select 1 from observations.erased_patients e where e.patient_id = b.patient_id)
            ), k as (
              insert into observations.observation_keys (organization_id, source_id, idempotency_key, observation_id, effective_at)
              select ${origin.organizationId}::uuid, ${origin.sourceId}, b.idempotency_key, b.id, b.effective_at from b
              on conflict (organization_id, source_id, idempotency_key) do nothing
              returning observation_id, idempotency_key
            ), o as (
              insert into observations.observations
                (id, organization_id, source_id, patient_id, device_id, code, value, unit, effective_at, reported_value, reported_unit)
              select b.id, ${origin.organizationId}::uuid, ${origin.sourceId}, b.patient_id, b.device_id, b.code, b.value, b.unit,
                     b.effective_at, b.reported_value, b.reported_unit
              from b join k on k.observation_id = b.id
              returning *
            )
            select ${OBSERVATION_COLUMNS}, k.idempotency_key from o join k on k.observation_id = o.id`,
      )
    ).map(toStored);
    const byKey = new Map<string, StoredObservation>(inserted.map((row) => [row.idempotencyKey, row]));
    const missing = batch.filter((input) => !byKey.has(input.idempotencyKey));
    if (missing.length > 0) {
      const erased = await erasedAmong(tx as unknown as Db, missing.map((input) => input.patientId));
      if (erased.size > 0) throw new ErasedPatients(batch.flatMap((input, index) => (erased.has(input.patientId) ? [index] : [])));
      const earlier = await rowsOf(
        tx as unknown as Db,
        // Each key names its observation (id and month); a retry is rare, so no pruning is attempted here.
        sql`select ${OBSERVATION_COLUMNS}, k.idempotency_key, r.value as recorded_value, r.unit as recorded_unit
            from observations.observation_keys k
            join observations.observations o on o.id = k.observation_id and o.effective_at = k.effective_at
            left join observations.observation_revisions r on r.observation_id = o.id and r.revision = 1
            where k.organization_id = ${origin.organizationId}::uuid and k.source_id = ${origin.sourceId}
              and k.idempotency_key = any(${textList(missing.map((input) => input.idempotencyKey))})`,
      );
      for (const row of earlier.map(toStored)) byKey.set(row.idempotencyKey, row);
    }
    const rows = batch.map((input, index) => {
      const stored = byKey.get(input.idempotencyKey);
      if (!stored || !samePayload(stored, input)) throw new IdempotencyConflict(index);
      return stored;
    });
    await inTransaction?.(tx as unknown as Db, rows);
    return { rows, recorded: inserted.length };
  });
}

async function erasedAmong(db: Db, patientIds: string[]): Promise<Set<string>> {
  const rows = await rowsOf(db, sql`select patient_id from observations.erased_patients where patient_id = any(${uuidList([...new Set(patientIds)])})`);
  return new Set(rows.map((row) => row.patient_id as string));
}

function toStored(row: Record<string, unknown>): StoredObservation {
  const stored: StoredObservation = { ...toObservation(row), idempotencyKey: row.idempotency_key as string };
  if (row.recorded_value != null) stored.recorded = { value: Number(row.recorded_value), unit: row.recorded_unit as string };
  return stored;
}

/**
 * Erasure: deletes every observation (and every earlier revision) of one patient of the
 * organization, with the caller's audit event, and remembers the patient as erased so that no
 * reading for them is recorded afterwards. The table lock (SHARE ROW EXCLUSIVE: reads go on,
 * inserts wait) makes this and ingestion take turns: a batch that inserted before the lock
 * commits first and is deleted here; a batch that inserts after the commit finds the patient in
 * `erased_patients` in its own INSERT and records nothing. Without it a reading that arrived
 * between the delete and the commit would outlive the patient.
 */
export async function deleteObservationsOfPatient(
  db: Db,
  organizationId: string,
  patientId: string,
  inTransaction: InTransaction<number>,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table observations.observations in share row exclusive mode`);
    await tx.insert(erasedPatients).values({ patientId, organizationId }).onConflictDoNothing();
    // Their keys go in the same statement: nothing of the patient's readings is left behind.
    const [deleted] = await rowsOf(
      tx as unknown as Db,
      sql`with d as (
            delete from observations.observations o
            where o.organization_id = ${organizationId}::uuid and o.patient_id = ${patientId}::uuid
            returning o.id
          ), k as (
            delete from observations.observation_keys k using d where k.observation_id = d.id
          )
          select count(*)::int as n from d`,
    );
    const count = Number(deleted!.n);
    await tx
      .delete(observationRevisions)
      .where(and(eq(observationRevisions.organizationId, organizationId), eq(observationRevisions.patientId, patientId)));
    await inTransaction(tx as unknown as Db, count);
    return count;
  });
}
