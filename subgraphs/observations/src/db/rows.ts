import { sql, type SQL } from 'drizzle-orm';
import { uuidList, type Db, type Scope } from '@caregraph/platform';
import type { ObservationRow } from './schema.ts';

export type ObservationRecord = Omit<ObservationRow, 'sourceId' | 'idempotencyKey'>;

/**
 * Columns of a raw observation select. Instants come out as epoch milliseconds so both drivers
 * (postgres.js and PGlite, which format timestamps differently) yield the same thing.
 */
export const OBSERVATION_COLUMNS = sql.raw(`o.id, o.organization_id, o.patient_id, o.device_id, o.code, o.value, o.unit,
  (extract(epoch from o.effective_at) * 1000)::float8 as effective_ms,
  (extract(epoch from o.received_at) * 1000)::float8 as received_ms, o.status, o.reported_value, o.reported_unit`);

/** Index-friendly order: the indexes are DESC NULLS LAST, so the queries must say so too. */
export const NEWEST_FIRST = sql.raw('o.effective_at desc nulls last, o.id desc nulls last');

export function toObservation(row: Record<string, unknown>): ObservationRecord {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    patientId: row.patient_id as string,
    deviceId: (row.device_id as string | null) ?? null,
    code: row.code as string,
    value: Number(row.value),
    unit: row.unit as string,
    effectiveAt: new Date(Number(row.effective_ms)),
    receivedAt: new Date(Number(row.received_ms)),
    status: row.status as ObservationRecord['status'],
    reportedValue: row.reported_value == null ? null : Number(row.reported_value),
    reportedUnit: (row.reported_unit as string | null) ?? null,
  };
}

/** postgres.js returns rows as an array, PGlite as `{ rows }`. */
export async function rowsOf(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) ?? [];
}

/** The viewer's scope as a condition on `o` (observations are reached through their patient). */
export function inScope(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'organization':
      return sql`o.organization_id = ${scope.organizationId}::uuid`;
    case 'patients':
      return scope.patientIds.length === 0
        ? sql`false`
        : sql`(o.organization_id = ${scope.organizationId}::uuid and o.patient_id = any(${uuidList(scope.patientIds)}))`;
    default:
      return sql`false`;
  }
}
