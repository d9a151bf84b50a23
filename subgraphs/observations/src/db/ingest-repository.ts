import { and, eq, sql } from 'drizzle-orm';
import { arrayLiteral, textList, type Db, type InTransaction } from '@caregraph/platform';
import { OBSERVATION_COLUMNS, rowsOf, toObservation, type ObservationRecord } from './rows.ts';
import { observations } from './schema.ts';

export interface NewObservation {
  patientId: string;
  deviceId: string | null;
  code: string;
  value: number;
  unit: string;
  effectiveAt: Date;
  idempotencyKey: string;
}

export interface StoredObservation extends ObservationRecord {
  idempotencyKey: string;
}

export class IdempotencyConflict extends Error {
  constructor(readonly index: number) {
    super('idempotency key reused with a different payload');
  }
}

const SAME_FIELDS = ['patientId', 'deviceId', 'code', 'value', 'unit'] as const;

function samePayload(stored: StoredObservation, input: NewObservation): boolean {
  return (
    SAME_FIELDS.every((field) => stored[field] === input[field]) &&
    stored.effectiveAt.getTime() === input.effectiveAt.getTime()
  );
}

/** Who a batch is recorded for and by: the same for every reading of one request. */
export interface BatchOrigin {
  organizationId: string;
  /** The sender (a device id or a client's subject); idempotency keys are unique per sender. */
  sourceId: string;
}

/**
 * Writes a batch in one transaction with one INSERT of the batch's columns as arrays (`unnest`):
 * one statement text whatever the batch size, so it is prepared once per connection. Keys already
 * recorded by the same sender are skipped by the unique index (so concurrent retries cannot both
 * insert) and answered with the stored row; a reused key with a different payload rolls the whole
 * batch back.
 */
export async function insertObservations(
  db: Db,
  origin: BatchOrigin,
  batch: NewObservation[],
  inTransaction?: InTransaction<StoredObservation[]>,
): Promise<{ rows: StoredObservation[]; recorded: number }> {
  return db.transaction(async (tx) => {
    const inserted = (
      await rowsOf(
        tx as unknown as Db,
        sql`insert into observations.observations as o
              (organization_id, source_id, patient_id, device_id, code, value, unit, effective_at, idempotency_key)
            select ${origin.organizationId}::uuid, ${origin.sourceId}, b.*
            from unnest(
              ${arrayLiteral(batch.map((input) => input.patientId))}::uuid[],
              ${arrayLiteral(batch.map((input) => input.deviceId))}::uuid[],
              ${textList(batch.map((input) => input.code))},
              ${arrayLiteral(batch.map((input) => input.value))}::float8[],
              ${textList(batch.map((input) => input.unit))},
              ${arrayLiteral(batch.map((input) => input.effectiveAt.toISOString()))}::timestamptz[],
              ${textList(batch.map((input) => input.idempotencyKey))}
            ) as b(patient_id, device_id, code, value, unit, effective_at, idempotency_key)
            on conflict (source_id, idempotency_key) do nothing
            returning ${OBSERVATION_COLUMNS}, o.idempotency_key`,
      )
    ).map(toStored);
    const byKey = new Map<string, StoredObservation>(inserted.map((row) => [row.idempotencyKey, row]));
    const missing = batch.filter((input) => !byKey.has(input.idempotencyKey));
    if (missing.length > 0) {
      const earlier = await rowsOf(
        tx as unknown as Db,
        sql`select ${OBSERVATION_COLUMNS}, o.idempotency_key from observations.observations o
            where o.source_id = ${origin.sourceId} and o.idempotency_key = any(${textList(missing.map((input) => input.idempotencyKey))})`,
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

function toStored(row: Record<string, unknown>): StoredObservation {
  return { ...toObservation(row), idempotencyKey: row.idempotency_key as string };
}

/** Erasure: deletes every observation of one patient of the organization, with the caller's audit event. */
export async function deleteObservationsOfPatient(
  db: Db,
  organizationId: string,
  patientId: string,
  inTransaction: InTransaction<number>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(observations)
      .where(and(eq(observations.organizationId, organizationId), eq(observations.patientId, patientId)))
      .returning({ id: observations.id });
    await inTransaction(tx as unknown as Db, deleted.length);
    return deleted.length;
  });
}
