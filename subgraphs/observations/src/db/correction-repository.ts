import { sql } from 'drizzle-orm';
import type { Db, InTransaction } from '@caregraph/platform';
import { OBSERVATION_COLUMNS, rowsOf, toObservation, type ObservationRecord } from './rows.ts';

export type CorrectionStatus = 'AMENDED' | 'ENTERED_IN_ERROR';

/** What a correction sets; the value and unit stay as they are when only the status changes. */
export interface Correction {
  status: CorrectionStatus;
  value?: { value: number; unit: string; reportedValue: number | null; reportedUnit: string | null };
  reason: string;
  changedBy: string;
}

/** The state an observation had before a correction. */
export interface Revision {
  revision: number;
  value: number;
  unit: string;
  status: ObservationRecord['status'];
  reason: string;
  correctedAt: Date;
}

/** An observation that was entered in error can be corrected no further. */
export class AlreadyInError extends Error {
  constructor() {
    super('the observation was entered in error');
  }
}

/** Whom and what an observation of the organization is about (null: no such observation there). */
export async function subjectOfObservation(db: Db, organizationId: string, id: string): Promise<{ patientId: string; code: string } | null> {
  const [row] = await rowsOf(db, sql`select patient_id, code from observations.observations where id = ${id}::uuid and organization_id = ${organizationId}::uuid`);
  return row ? { patientId: row.patient_id as string, code: row.code as string } : null;
}

/**
 * Corrects one observation in one transaction: its row is locked, its current state kept as the
 * next revision (with who and why), then the row changed and `inTransaction` (the audit event)
 * written. Concurrent corrections of one observation take turns on the row lock, so revisions
 * are numbered without gaps or duplicates.
 */
export async function correctObservation(
  db: Db,
  organizationId: string,
  id: string,
  correction: Correction,
  inTransaction: InTransaction<ObservationRecord>,
): Promise<{ observation: ObservationRecord; previous: Revision } | null> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // The lock the UPDATE below needs, taken before the row lock: an erasure (which locks the table,
    // then the rows) and a correction then take turns instead of deadlocking.
    await tx.execute(sql`lock table observations.observations in row exclusive mode`);
    const [current] = await rowsOf(
      t,
      sql`select ${OBSERVATION_COLUMNS} from observations.observations o where o.id = ${id}::uuid and o.organization_id = ${organizationId}::uuid for update`,
    );
    if (!current) return null;
    const before = toObservation(current);
    if (before.status === 'ENTERED_IN_ERROR') throw new AlreadyInError();
    const [revision] = await rowsOf(
      t,
      sql`insert into observations.observation_revisions
            (observation_id, revision, organization_id, patient_id, value, unit, status, reason, changed_by)
          select ${id}::uuid, coalesce(max(r.revision), 0) + 1, ${organizationId}::uuid, ${before.patientId}::uuid,
                 ${before.value}, ${before.unit}, ${before.status}, ${correction.reason}, ${correction.changedBy}
          from observations.observation_revisions r where r.observation_id = ${id}::uuid
          returning revision, (extract(epoch from changed_at) * 1000)::float8 as changed_ms`,
    );
    const value = correction.value;
    const [after] = await rowsOf(
      t,
      sql`update observations.observations o set status = ${correction.status}
            ${value ? sql`, value = ${value.value}, unit = ${value.unit}, reported_value = ${value.reportedValue}, reported_unit = ${value.reportedUnit}` : sql``}
          where o.id = ${id}::uuid and o.effective_at = ${before.effectiveAt.toISOString()}::timestamptz
          returning ${OBSERVATION_COLUMNS}`,
    );
    const observation = toObservation(after!);
    await inTransaction(t, observation);
    return {
      observation,
      previous: {
        revision: Number(revision!.revision),
        value: before.value,
        unit: before.unit,
        status: before.status,
        reason: correction.reason,
        correctedAt: new Date(Number(revision!.changed_ms)),
      },
    };
  });
}
