import { sql, type SQL } from 'drizzle-orm';
import { uuidList, type Db, type Scope } from '@caregraph/platform';
import { inScope, NEWEST_FIRST, OBSERVATION_COLUMNS, rowsOf, toObservation, type ObservationRecord } from './rows.ts';

export interface TimelineFilter {
  code?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface TimelineCursor {
  effectiveAt: Date;
  id: string;
}

export interface Bucket {
  patientId: string;
  start: Date;
  min: number;
  max: number;
  mean: number;
  count: number;
}

export const BUCKET_INTERVALS = { MINUTE: '1 minute', HOUR: '1 hour', DAY: '1 day' } as const;
export type BucketWidth = keyof typeof BUCKET_INTERVALS;

/**
 * All reads of the observations domain. Every read takes the viewer's scope, so an observation
 * of a patient out of reach is never found, listed or aggregated. Every batched read takes many
 * patients (or devices) and answers them in one statement, so nested lists cost no query per parent.
 */
export class ObservationRepository {
  constructor(private readonly db: Db) {}

  /**
   * By id alone, which says nothing of the month: every partition's primary key is probed (one
   * index descent each; measured cheaper than reading each id's month from its key first, which
   * PostgreSQL cannot prune on at run time: docs/storage.md).
   */
  async findByIds(scope: Scope, ids: readonly string[]): Promise<ObservationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await rowsOf(
      this.db,
      sql`select ${OBSERVATION_COLUMNS} from observations.observations o where o.id = any(${uuidList(ids)}) and ${inScope(scope)}`,
    );
    return rows.map(toObservation);
  }

  /**
   * One page per patient (newest first), all in one statement: a LATERAL subquery per patient,
   * each an index range scan limited to `limit` rows.
   */
  async timelines(
    scope: Scope,
    patientIds: readonly string[],
    filter: TimelineFilter,
    limit: number,
    after: TimelineCursor | null,
  ): Promise<ObservationRecord[]> {
    return this.pagesPer('patient_id', patientIds, limit, after, [
      inScope(scope),
      filter.code ? sql`o.code = ${filter.code}` : undefined,
      filter.from ? sql`o.effective_at >= ${filter.from.toISOString()}::timestamptz` : undefined,
      filter.to ? sql`o.effective_at < ${filter.to.toISOString()}::timestamptz` : undefined,
    ]);
  }

  async deviceTimelines(scope: Scope, deviceIds: readonly string[], limit: number, after: TimelineCursor | null) {
    return this.pagesPer('device_id', deviceIds, limit, after, [inScope(scope)]);
  }

  /** The newest observation of each code for each patient, not counting those entered in error: one index probe per (patient, code). */
  async latestPerCode(scope: Scope, patientIds: readonly string[], codes: readonly string[]): Promise<ObservationRecord[]> {
    if (patientIds.length === 0) return [];
    const codeArray = sql`array[${sql.join(codes.map((c) => sql`${c}`), sql`, `)}]::text[]`;
    const rows = await rowsOf(
      this.db,
      sql`select ${OBSERVATION_COLUMNS}
          from unnest(${uuidList(patientIds)}) as p(id)
          cross join unnest(${codeArray}) as c(code)
          cross join lateral (
            select * from observations.observations o
            where o.patient_id = p.id and o.code = c.code and o.status <> 'ENTERED_IN_ERROR' and ${inScope(scope)}
            order by ${NEWEST_FIRST} limit 1
          ) o
          order by o.patient_id, o.code`,
    );
    return rows.map(toObservation);
  }

  async summaries(
    scope: Scope,
    patientIds: readonly string[],
    code: string,
    from: Date,
    to: Date,
    width: BucketWidth,
  ): Promise<Bucket[]> {
    if (patientIds.length === 0) return [];
    const interval = BUCKET_INTERVALS[width];
    const rows = await rowsOf(
      this.db,
      // Grouped by the bucket's timestamp, and only the buckets turned into epoch milliseconds:
      // grouping by the (numeric) epoch expression cost every one of the rows that conversion.
      sql`select b.patient_id, (extract(epoch from b.bucket) * 1000)::float8 as start_ms, b.min, b.max, b.mean, b.count
          from (
            select o.patient_id, date_bin(${interval}::interval, o.effective_at, timestamptz '2000-01-01 00:00:00+00') as bucket,
                   min(o.value)::float8 as min, max(o.value)::float8 as max, avg(o.value)::float8 as mean, count(*)::int as count
            from observations.observations o
            where o.patient_id = any(${uuidList(patientIds)}) and o.code = ${code}
              and o.effective_at >= ${from.toISOString()}::timestamptz and o.effective_at < ${to.toISOString()}::timestamptz
              and o.status <> 'ENTERED_IN_ERROR' and ${inScope(scope)}
            group by 1, 2
          ) b
          order by b.patient_id, b.bucket`,
    );
    return rows.map((row) => ({
      patientId: row.patient_id as string,
      start: new Date(Number(row.start_ms)),
      min: Number(row.min),
      max: Number(row.max),
      mean: Number(row.mean),
      count: Number(row.count),
    }));
  }

  private async pagesPer(
    column: 'patient_id' | 'device_id',
    ids: readonly string[],
    limit: number,
    after: TimelineCursor | null,
    conditions: (SQL | undefined)[],
  ): Promise<ObservationRecord[]> {
    if (ids.length === 0) return [];
    const where = [
      sql`o.${sql.raw(column)} = p.id`,
      ...conditions,
      after
        ? sql`(o.effective_at, o.id) < (${after.effectiveAt.toISOString()}::timestamptz, ${after.id}::uuid)`
        : undefined,
    ].filter((condition): condition is SQL => condition !== undefined);
    const rows = await rowsOf(
      this.db,
      sql`select ${OBSERVATION_COLUMNS}
          from unnest(${uuidList(ids)}) as p(id)
          cross join lateral (
            select * from observations.observations o
            where ${sql.join(where, sql` and `)}
            order by ${NEWEST_FIRST} limit ${limit}
          ) o`,
    );
    return rows.map(toObservation);
  }
}
