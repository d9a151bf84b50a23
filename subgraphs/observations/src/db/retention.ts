import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditEntry, AuditLog, Db } from '@caregraph/platform';
import { monthlyPartitions, monthOf, PARTITION_LOCK } from './partitions.ts';
import { rowsOf } from './rows.ts';

/** Who the audit trail names for retention: the platform itself, acting on a configured policy. */
export const RETENTION_ACTOR = 'caregraph:observations-retention';

export interface Expired {
  /** The partition dropped, or `observations_default` for the old readings deleted from it. */
  partition: string;
  organizationId: string;
  count: number;
}

/**
 * Retention: drops every monthly partition that ended before the first day of the month
 * `retentionMonths` before `now` (UTC), and deletes the readings of that age that sit in the
 * default partition, with their idempotency keys and revisions. One transaction: each
 * (partition, organization) is recorded as a delete event with its count (never a value, never a
 * patient) in the same transaction, so data and trail go together or not at all. Holds the
 * partition lock, so replicas take turns and a later run finds nothing left to do.
 */
export async function dropExpiredPartitions(db: Db, audit: AuditLog, retentionMonths: number, now: Date = new Date()): Promise<Expired[]> {
  const cutoff = monthOf(now, -retentionMonths).from;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    await t.execute(sql.raw(`set local lock_timeout = '5s'`));
    const expired: Expired[] = [];
    const until = cutoff.toISOString();
    for (const month of await monthlyPartitions(t)) {
      if (month.to > cutoff) continue;
      const table = sql.raw(`observations."${month.name}"`);
      // Detached first: from here on no query plans against it, and its rows are still there to count.
      await t.execute(sql`alter table observations.observations detach partition ${table}`);
      expired.push(...(await countsOf(t, month.name, sql`select organization_id, count(*)::int as n from ${table} group by 1`)));
      await t.execute(sql`delete from observations.observation_revisions r using ${table} o where r.observation_id = o.id`);
      await t.execute(
        sql`delete from observations.observation_keys
            where effective_at >= ${month.from.toISOString()}::timestamptz and effective_at < ${month.to.toISOString()}::timestamptz`,
      );
      await t.execute(sql`drop table ${table}`);
    }
    const old = sql`observations.observations_default o where o.effective_at < ${until}::timestamptz`;
    const fromDefault = await countsOf(t, 'observations_default', sql`select organization_id, count(*)::int as n from ${old} group by 1`);
    if (fromDefault.length > 0) {
      await t.execute(sql`delete from observations.observation_revisions r using ${old} and r.observation_id = o.id`);
      await t.execute(sql`delete from observations.observation_keys k using ${old} and k.observation_id = o.id`);
      await t.execute(sql`delete from ${old}`);
      expired.push(...fromDefault);
    }
    await audit.append(expired.map((entry) => retentionEvent(entry, retentionMonths, cutoff)), t);
    return expired;
  });
}

async function countsOf(db: Db, partition: string, query: ReturnType<typeof sql>): Promise<Expired[]> {
  const rows = await rowsOf(db, query);
  return rows.map((row) => ({ partition, organizationId: row.organization_id as string, count: Number(row.n) }));
}

function retentionEvent(entry: Expired, months: number, cutoff: Date): AuditEntry {
  return {
    action: 'delete',
    outcome: 'success',
    resourceType: 'Observation',
    resourceId: null,
    patientId: null,
    fields: [`${entry.count} observations`, `partition ${entry.partition}`, `before ${cutoff.toISOString()}`, `retention ${months} months`],
    actor: { sub: RETENTION_ACTOR, role: 'system', organizationId: entry.organizationId, clientId: null },
    requestId: randomUUID(),
    clientRequestId: null,
    traceId: null,
    sourceAddress: null,
    userAgent: null,
  };
}
