import { and, eq, inArray } from 'drizzle-orm';
import type { Db, InTransaction } from '@caregraph/platform';
import { observations } from './schema.ts';
import type { ObservationRecord } from './rows.ts';

export interface NewObservation {
  organizationId: string;
  patientId: string;
  deviceId: string | null;
  code: string;
  value: number;
  unit: string;
  effectiveAt: Date;
  sourceId: string;
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

/**
 * Writes a batch in one transaction with one multi-row INSERT. Keys already recorded by the same
 * sender are skipped by the unique index (so concurrent retries cannot both insert) and answered
 * with the stored row; a reused key with a different payload rolls the whole batch back.
 */
export async function insertObservations(
  db: Db,
  batch: NewObservation[],
  inTransaction?: InTransaction<StoredObservation[]>,
): Promise<{ rows: StoredObservation[]; recorded: number }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(observations)
      .values(batch)
      .onConflictDoNothing({ target: [observations.sourceId, observations.idempotencyKey] })
      .returning();
    const byKey = new Map<string, StoredObservation>(inserted.map((row) => [row.idempotencyKey, row]));
    const missing = batch.filter((input) => !byKey.has(input.idempotencyKey));
    if (missing.length > 0) {
      const earlier = await tx
        .select()
        .from(observations)
        .where(
          and(
            eq(observations.sourceId, missing[0]!.sourceId),
            inArray(
              observations.idempotencyKey,
              missing.map((input) => input.idempotencyKey),
            ),
          ),
        );
      for (const row of earlier) byKey.set(row.idempotencyKey, row);
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
