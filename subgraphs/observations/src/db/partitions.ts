import { sql } from 'drizzle-orm';
import type { Db } from '@caregraph/platform';
import { rowsOf } from './rows.ts';

/**
 * Partition upkeep of `observations.observations` (range-partitioned by month on `effective_at`,
 * in UTC). Monthly partitions are named `observations_YYYY_MM`; `observations_default` takes any
 * reading outside them (a backfill older than the oldest month, a clock far in the future).
 */

/** Every caregraph process serializes partition changes on this (transaction-level) advisory lock. */
export const PARTITION_LOCK = 4_242_020_262;

/**
 * How long a partition change waits for its table lock before giving up (and trying again at the
 * next run): a long query holding the parent must not make every reading queue behind the change.
 */
const LOCK_TIMEOUT = '5s';

const MONTHLY = /^observations_(\d{4})_(\d{2})$/;

export interface MonthPartition {
  name: string;
  /** First instant of the month (UTC), inclusive. */
  from: Date;
  /** First instant of the next month, exclusive. */
  to: Date;
}

/** The month (UTC) `offset` months after the one holding `at`. */
export function monthOf(at: Date, offset = 0): MonthPartition {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const name = `observations_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, from, to };
}

/** The monthly partitions that exist, oldest first (the default partition is not one of them). */
export async function monthlyPartitions(db: Db): Promise<MonthPartition[]> {
  const rows = await rowsOf(
    db,
    sql`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'observations.observations'::regclass`,
  );
  return rows
    .flatMap((row) => {
      const match = MONTHLY.exec(row.relname as string);
      return match ? [monthOf(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)))] : [];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

export interface PartitionPlan {
  /** Months before the current one to have (readings arrive late: a device buffers, a clinician backfills). Default 1. */
  behind?: number;
  /** Months after the current one to have ready. Default 3. */
  ahead?: number;
}

/**
 * Makes the monthly partitions from `behind` months before `now` to `ahead` months after it that
 * do not exist yet; returns the names it made. Idempotent, and safe with several replicas at once:
 * each run holds a transaction-level advisory lock, so they take turns and the later ones find
 * the work done. Readings of a month already in the default partition move into the new one in
 * the same transaction.
 */
export async function ensurePartitions(db: Db, now: Date = new Date(), plan: PartitionPlan = {}): Promise<string[]> {
  const { behind = 1, ahead = 3 } = plan;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    await t.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
    const existing = new Set((await monthlyPartitions(t)).map((month) => month.name));
    const made: string[] = [];
    for (let offset = -behind; offset <= ahead; offset += 1) {
      const month = monthOf(now, offset);
      if (existing.has(month.name)) continue;
      await makePartition(t, month);
      made.push(month.name);
    }
    return made;
  });
}

/**
 * Makes the partitions of every month that has readings in the default partition (after a
 * backfill older than the oldest month); returns their names. The rows move in one transaction.
 */
export async function splitDefaultPartition(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    const rows = await rowsOf(
      t,
      sql`select distinct (extract(epoch from date_trunc('month', effective_at at time zone 'UTC') at time zone 'UTC') * 1000)::float8 as month_ms
          from observations.observations_default order by 1`,
    );
    const made: string[] = [];
    for (const row of rows) {
      const month = monthOf(new Date(Number(row.month_ms)));
      await makePartition(t, month);
      made.push(month.name);
    }
    return made;
  });
}

async function makePartition(tx: Db, month: MonthPartition): Promise<void> {
  const table = sql.raw(`observations."${month.name}"`);
  const from = month.from.toISOString();
  const to = month.to.toISOString();
  const [held] = await rowsOf(
    tx,
    sql`select exists (select 1 from observations.observations_default where effective_at >= ${from}::timestamptz and effective_at < ${to}::timestamptz) as held`,
  );
  if (!held?.held) {
    await tx.execute(sql`create table ${table} partition of observations.observations for values from (${sql.raw(`'${from}'`)}) to (${sql.raw(`'${to}'`)})`);
    return;
  }
  // PostgreSQL refuses a partition whose rows are still in the default one: make it apart, move
  // the month's rows into it, then attach it (which adds the parent's indexes and checks the bounds).
  await tx.execute(sql`create table ${table} (like observations.observations including defaults including constraints)`);
  await tx.execute(
    sql`with moved as (
          delete from observations.observations_default where effective_at >= ${from}::timestamptz and effective_at < ${to}::timestamptz returning *
        ) insert into ${table} select * from moved`,
  );
  await tx.execute(sql`alter table observations.observations attach partition ${table} for values from (${sql.raw(`'${from}'`)}) to (${sql.raw(`'${to}'`)})`);
}
