import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, type Db } from '@caregraph/platform';
import { migratedDatabase } from '../../../test/support/domain-database.ts';
import { correctObservation } from '../src/db/correction-repository.ts';
import { deleteObservationsOfPatient, IdempotencyConflict, insertObservations, type NewObservation } from '../src/db/ingest-repository.ts';
import { ObservationRepository } from '../src/db/observation-repository.ts';
import { ensurePartitions, monthlyPartitions, splitDefaultPartition } from '../src/db/partitions.ts';
import { dropExpiredPartitions, RETENTION_ACTOR } from '../src/db/retention.ts';
import { rowsOf } from '../src/db/rows.ts';
import { observationsMigrations } from '../src/index.ts';

const ORG = randomUUID();
const OTHER_ORG = randomUUID();
const PATIENT = randomUUID();
const DEVICE = randomUUID();
const FROM_DEVICE = { organizationId: ORG, sourceId: DEVICE };
const ALL = { kind: 'all' } as const;
/** "Now" for these cases: partitions are made from February (one behind) to June (three ahead). */
const NOW = new Date('2026-03-15T12:00:00.000Z');

function reading(key: string, effectiveAt: string, value = 72, patientId = PATIENT): NewObservation {
  return { patientId, deviceId: DEVICE, code: '8867-4', value, unit: '/min', effectiveAt: new Date(effectiveAt), idempotencyKey: key, reportedValue: null, reportedUnit: null };
}

async function one<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T> {
  return (await rowsOf(db, query))[0] as T;
}

/** Which partition each observation of the table is stored in, by id. */
async function partitionsOf(db: Db): Promise<Map<string, string>> {
  const rows = await rowsOf(db, sql`select o.id, o.tableoid::regclass::text as part from observations.observations o`);
  return new Map(rows.map((row) => [row.id as string, (row.part as string).replace(/^observations\./, '')]));
}

/** The tables a query's plan reads (EXPLAIN, JSON). */
async function relationsScanned(db: Db, query: SQL): Promise<string[]> {
  const [row] = await rowsOf(db, sql`explain (format json, costs off) ${query}`);
  const plan = row!['QUERY PLAN'];
  const names = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Relation Name'] === 'string') names.add(node['Relation Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(((typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return [...names].sort();
}

describe('partitioned observations (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations, observationsMigrations);
    db = database.db;
    bindAuditIntegrity(db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    for (const month of await monthlyPartitions(db)) await db.execute(sql.raw(`drop table observations."${month.name}"`));
    await db.execute(sql`delete from observations.observations`);
    await db.execute(sql`delete from observations.observation_keys`);
    await db.execute(sql`delete from observations.observation_revisions`);
    await db.execute(sql`delete from observations.erased_patients`);
  });

  it('makes the months around now once, however many replicas ask at the same time', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, () => ensurePartitions(db, NOW)));
    const expected = ['observations_2026_02', 'observations_2026_03', 'observations_2026_04', 'observations_2026_05', 'observations_2026_06'];
    // One run made them all; the others, waiting on the advisory lock, found them made.
    expect(runs.flat().sort()).toEqual(expected);
    expect(runs.filter((made) => made.length > 0)).toHaveLength(1);
    expect((await monthlyPartitions(db)).map((month) => month.name)).toEqual(expected);
    expect(await ensurePartitions(db, NOW)).toEqual([]);
    // A month later, one more ahead (and nothing else).
    expect(await ensurePartitions(db, new Date('2026-04-02T00:00:00Z'))).toEqual(['observations_2026_07']);
  });

  it('stores each reading in its month, and a reading outside the months made in the default partition', async () => {
    await ensurePartitions(db, NOW);
    const { rows } = await insertObservations(db, FROM_DEVICE, [
      reading('feb', '2026-02-28T23:59:59.999Z'),
      reading('mar', '2026-03-01T00:00:00.000Z'),
      reading('jun', '2026-06-30T12:00:00.000Z'),
      reading('old', '2025-11-03T08:00:00.000Z'),
      reading('far', '2027-01-01T00:00:00.000Z'),
    ]);
    const where = await partitionsOf(db);
    expect(rows.map((row) => where.get(row.id))).toEqual([
      'observations_2026_02',
      'observations_2026_03',
      'observations_2026_06',
      'observations_default',
      'observations_default',
    ]);
    // The default partition's months get their own partitions on request; the rows move with their ids.
    expect(await splitDefaultPartition(db)).toEqual(['observations_2025_11', 'observations_2027_01']);
    const after = await partitionsOf(db);
    expect([after.get(rows[3]!.id), after.get(rows[4]!.id)]).toEqual(['observations_2025_11', 'observations_2027_01']);
    expect(await one(db, sql`select count(*)::int as n from observations.observations_default`)).toEqual({ n: 0 });
    // A month made while the default partition holds some of its readings takes them over.
    await insertObservations(db, FROM_DEVICE, [reading('aug', '2026-08-09T10:00:00.000Z')]);
    expect(await ensurePartitions(db, new Date('2026-05-20T00:00:00Z'))).toEqual(['observations_2026_07', 'observations_2026_08']);
    expect([...(await partitionsOf(db)).values()].filter((part) => part === 'observations_2026_08')).toHaveLength(1);
    // Every partition has every read index, made ahead or attached after the move.
    const indexes = await rowsOf(
      db,
      sql`select c.relname as part, count(*)::int as n from pg_inherits i join pg_class c on c.oid = i.inhrelid
          join pg_index x on x.indrelid = c.oid where i.inhparent = 'observations.observations'::regclass group by 1`,
    );
    expect(new Set(indexes.map((row) => row.n))).toEqual(new Set([5]));
  });

  it('refuses a key already recorded in another month as a conflicting duplicate, retried alone or concurrently', async () => {
    await ensurePartitions(db, NOW);
    const first = await insertObservations(db, FROM_DEVICE, [reading('k1', '2026-02-10T10:00:00.000Z')]);
    // The same batch again: the stored reading, nothing new.
    const retry = await insertObservations(db, FROM_DEVICE, [reading('k1', '2026-02-10T10:00:00.000Z')]);
    expect(retry).toEqual({ rows: first.rows, recorded: 0 });
    // Its timestamp moved to April: another partition, the same key, refused.
    await expect(insertObservations(db, FROM_DEVICE, [reading('k1', '2026-04-10T10:00:00.000Z')])).rejects.toBeInstanceOf(IdempotencyConflict);
    // Two senders' batches racing with one new key in different months: one stored, the other refused.
    const racing = await Promise.allSettled([
      insertObservations(db, FROM_DEVICE, [reading('k2', '2026-03-05T10:00:00.000Z')]),
      insertObservations(db, FROM_DEVICE, [reading('k2', '2026-05-05T10:00:00.000Z')]),
    ]);
    expect(racing.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((racing.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflict);
    expect(await one(db, sql`select count(*)::int as n from observations.observations`)).toEqual({ n: 2 });
    expect(await one(db, sql`select count(*)::int as n from observations.observation_keys`)).toEqual({ n: 2 });
  });

  it('finds, corrects and erases observations by id whatever their month', async () => {
    await ensurePartitions(db, NOW);
    const other = randomUUID();
    const { rows } = await insertObservations(db, FROM_DEVICE, [
      reading('a', '2026-02-10T10:00:00.000Z', 70),
      reading('b', '2026-05-10T10:00:00.000Z', 71),
      reading('c', '2025-01-10T10:00:00.000Z', 72),
      reading('d', '2026-03-10T10:00:00.000Z', 73, other),
    ]);
    const repository = new ObservationRepository(db);
    expect((await repository.findByIds(ALL, rows.map((row) => row.id))).map((row) => row.value).sort()).toEqual([70, 71, 72, 73]);
    const corrected = await correctObservation(db, ORG, rows[1]!.id, { status: 'ENTERED_IN_ERROR', reason: 'wrong patient', changedBy: 'c-1' }, async () => {});
    expect(corrected?.observation).toMatchObject({ id: rows[1]!.id, status: 'ENTERED_IN_ERROR', effectiveAt: new Date('2026-05-10T10:00:00.000Z') });
    expect(await deleteObservationsOfPatient(db, ORG, PATIENT, async () => {})).toBe(3);
    expect((await repository.findByIds(ALL, rows.map((row) => row.id))).map((row) => row.value)).toEqual([73]);
    // The erased patient's keys are gone with the readings; the other patient's stays.
    expect(await rowsOf(db, sql`select idempotency_key from observations.observation_keys`)).toEqual([{ idempotency_key: 'd' }]);
  });

  it('reads only the partitions a time range covers', async () => {
    await ensurePartitions(db, NOW);
    const chart = sql`select date_bin('1 hour', o.effective_at, timestamptz '2000-01-01') as start, avg(o.value)
      from observations.observations o
      where o.patient_id = ${PATIENT}::uuid and o.code = '8867-4'
        and o.effective_at >= '2026-03-10T00:00:00Z'::timestamptz and o.effective_at < '2026-04-05T00:00:00Z'::timestamptz
      group by 1`;
    expect(await relationsScanned(db, chart)).toEqual(['observations_2026_03', 'observations_2026_04']);
    const day = sql`select o.code, count(*) from observations.observations o
      where o.effective_at >= '2026-05-01T00:00:00Z'::timestamptz and o.effective_at < '2026-05-02T00:00:00Z'::timestamptz group by 1`;
    expect(await relationsScanned(db, day)).toEqual(['observations_2026_05']);
    // Outside the months made: only the default partition.
    const old = sql`select count(*) from observations.observations o where o.effective_at < '2025-06-01T00:00:00Z'::timestamptz`;
    expect(await relationsScanned(db, old)).toEqual(['observations_default']);
  });

  it('drops whole months past retention (keys, revisions, old default rows with them), each audited with counts only', async () => {
    await ensurePartitions(db, NOW);
    await splitDefaultPartition(db);
    const { rows } = await insertObservations(db, FROM_DEVICE, [
      reading('feb-1', '2026-02-01T10:00:00.000Z', 70),
      reading('feb-2', '2026-02-27T10:00:00.000Z', 71),
      reading('mar', '2026-03-31T23:59:59.999Z', 72),
      reading('apr', '2026-04-01T00:00:00.000Z', 73),
      reading('old', '2025-06-01T00:00:00.000Z', 74),
    ]);
    await insertObservations(db, { organizationId: OTHER_ORG, sourceId: DEVICE }, [reading('feb-x', '2026-02-03T10:00:00.000Z', 75)]);
    await correctObservation(db, ORG, rows[0]!.id, { status: 'AMENDED', value: { value: 69, unit: '/min', reportedValue: null, reportedUnit: null }, reason: 'typo', changedBy: 'c-1' }, async () => {});
    const audit = new AuditLog(db, 'observations');

    // Two months' retention in May: everything before March 1 goes.
    const expired = await dropExpiredPartitions(db, audit, 2, new Date('2026-05-10T00:00:00Z'));
    expect(expired.sort((a, b) => a.partition.localeCompare(b.partition) || b.count - a.count)).toEqual([
      { partition: 'observations_2026_02', organizationId: ORG, count: 2 },
      { partition: 'observations_2026_02', organizationId: OTHER_ORG, count: 1 },
      { partition: 'observations_default', organizationId: ORG, count: 1 },
    ]);
    expect((await monthlyPartitions(db)).map((month) => month.name)).toEqual([
      'observations_2026_03',
      'observations_2026_04',
      'observations_2026_05',
      'observations_2026_06',
    ]);
    expect((await rowsOf(db, sql`select value from observations.observations order by effective_at`)).map((row) => row.value)).toEqual([72, 73]);
    expect((await rowsOf(db, sql`select idempotency_key from observations.observation_keys order by 1`)).map((row) => row.idempotency_key)).toEqual(['apr', 'mar']);
    expect(await one(db, sql`select count(*)::int as n from observations.observation_revisions`)).toEqual({ n: 0 });
    const events = await rowsOf(
      db,
      sql`select action, resource_type, resource_id, patient_id, actor_organization_id, fields from audit.events where actor_sub = ${RETENTION_ACTOR} order by actor_organization_id, fields::text`,
    );
    expect(events).toHaveLength(3);
    for (const event of events) expect(event).toMatchObject({ action: 'delete', resource_type: 'Observation', resource_id: null, patient_id: null });
    expect(events.map((event) => event.fields as string[]).flat().filter((field) => /observations$/.test(field)).sort()).toEqual([
      '1 observations',
      '1 observations',
      '2 observations',
    ]);
    // Run again (another replica, the next hour): nothing left to drop, nothing recorded.
    expect(await dropExpiredPartitions(db, audit, 2, new Date('2026-05-10T00:00:00Z'))).toEqual([]);
    expect(await rowsOf(db, sql`select id from audit.events where actor_sub = ${RETENTION_ACTOR}`)).toHaveLength(3);
  });
});

describe('migration 0003 on an existing install (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let older: string;
  beforeAll(async () => {
    // The migrations up to 0002: the table as it was before partitioning.
    older = mkdtempSync(join(tmpdir(), 'caregraph-observations-0002-'));
    cpSync(observationsMigrations.folder, older, { recursive: true });
    const journalFile = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.tag < '0003');
    writeFileSync(journalFile, JSON.stringify(journal));
    database = await migratedDatabase({ ...observationsMigrations, folder: older });
  });
  afterAll(async () => {
    await database?.dispose();
    rmSync(older, { recursive: true, force: true });
  });

  it('converts a populated table: every row, id, correction and idempotency key kept', async () => {
    const db = database.db;
    await db.execute(sql`
      insert into observations.observations (id, organization_id, patient_id, device_id, code, value, unit, effective_at, received_at, status, source_id, idempotency_key, reported_value, reported_unit)
      select md5('obs' || n)::uuid, ${ORG}::uuid, ${PATIENT}::uuid, ${DEVICE}::uuid, '8867-4', 60 + n % 40, '/min',
             timestamptz '2026-01-20T00:00:00Z' + n * interval '1 hour', timestamptz '2026-01-20T00:00:00Z' + n * interval '1 hour' + interval '5 second',
             case when n = 7 then 'AMENDED'::observations.observation_status else 'FINAL' end, ${DEVICE}, 'key-' || n,
             case when n = 3 then 98.6 end, case when n = 3 then '[degF]' end
      from generate_series(1, 1500) as n`);
    await db.execute(sql`insert into observations.observation_revisions (observation_id, revision, organization_id, patient_id, value, unit, status, reason, changed_by)
      values (md5('obs7')::uuid, 1, ${ORG}::uuid, ${PATIENT}::uuid, 10, '/min', 'FINAL', 'typo', 'c-1')`);
    const snapshot = sql`select id, organization_id, patient_id, device_id, code, value, unit, effective_at, received_at, status, source_id, reported_value, reported_unit
      from observations.observations order by id`;
    const before = await rowsOf(db, snapshot);

    await applyMigrations(database, observationsMigrations);

    expect(await rowsOf(db, snapshot)).toEqual(before);
    // January to March 2026 (1,500 hours from January 20): one partition each, the default one empty.
    expect((await monthlyPartitions(db)).map((month) => month.name)).toEqual(['observations_2026_01', 'observations_2026_02', 'observations_2026_03']);
    expect(await one(db, sql`select count(*)::int as n from observations.observations_default`)).toEqual({ n: 0 });
    expect(await one(db, sql`select to_regclass('observations.observations_unpartitioned') is null as gone`)).toEqual({ gone: true });
    // Each key still answers its reading: the original batch retried is a duplicate, not a new row.
    const again = await insertObservations(db, FROM_DEVICE, [
      { ...reading('key-1', '2026-01-20T01:00:00.000Z', 61) },
      { ...reading('key-7', '2026-01-20T07:00:00.000Z', 10) }, // as first recorded, before its correction
    ]);
    expect(again.recorded).toBe(0);
    expect(again.rows.map((row) => row.id)).toEqual([await idOf(db, 'obs1'), await idOf(db, 'obs7')]);
    // The same key with its timestamp moved is still refused.
    await expect(insertObservations(db, FROM_DEVICE, [reading('key-1', '2026-03-01T01:00:00.000Z', 61)])).rejects.toBeInstanceOf(IdempotencyConflict);
    expect(await one(db, sql`select count(*)::int as n from observations.observation_keys`)).toEqual({ n: 1500 });
    // The start-up upkeep finds the migrated months and adds only what is missing around now.
    const made = await ensurePartitions(db, new Date('2026-03-15T00:00:00Z'));
    expect(made).toEqual(['observations_2026_04', 'observations_2026_05', 'observations_2026_06']);
  });
});

async function idOf(db: Db, seed: string): Promise<string> {
  return (await one<{ id: string }>(db, sql`select md5(${seed})::uuid::text as id`)).id;
}
