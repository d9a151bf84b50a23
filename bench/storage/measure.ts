// `pnpm exec tsx bench/storage/measure.ts [--rows 3000000] [--months 4] [--patients 1000] [--batch 500] [--writers 2] [--keep-database]`
// Observation storage at reduced scale (docs/storage.md): a fresh PostgreSQL database (DATABASE_URL's
// server, default the local one), readings written in time order through the real ingestion
// repository in batches, then sizes, WAL, query times, pruning and retention. Prints Markdown and
// writes bench/results/storage-<date>.json. Not part of `pnpm bench`'s default run.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import { applyMigrations, AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, openDatabase, type Db } from '@caregraph/platform';
import { observationsMigrations } from '@caregraph/observations';
import { insertObservations, type NewObservation } from '@caregraph/observations/db/ingest-repository';
import { ObservationRepository } from '@caregraph/observations/db/observation-repository';
import { ensurePartitions, monthOf } from '@caregraph/observations/db/partitions';
import { dropExpiredPartitions } from '@caregraph/observations/db/retention';
import { rowsOf } from '@caregraph/observations/db/rows';
import { DEFAULT_SERVER, freshBenchDatabase } from '../data/bench-database.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '3000000' },
    months: { type: 'string', default: '4' },
    patients: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '500' },
    writers: { type: 'string', default: '2' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const MONTHS = Number(args.months);
const PATIENTS = Number(args.patients);
const BATCH = Number(args.batch);
const WRITERS = Number(args.writers);
/** Five vital signs, one device per patient, one reading of each code in turn. */
const CODES = [
  { code: '8867-4', unit: '/min', base: 60, spread: 40 },
  { code: '59408-5', unit: '%', base: 92, spread: 8 },
  { code: '8480-6', unit: 'mm[Hg]', base: 100, spread: 50 },
  { code: '8462-4', unit: 'mm[Hg]', base: 60, spread: 30 },
  { code: '8310-5', unit: 'Cel', base: 36, spread: 2 },
];
const ORG = randomUUID();
const START = new Date(Date.UTC(2026, 0, 1));
const END = monthOf(START, MONTHS).from;
const STEP_MS = (END.getTime() - START.getTime()) / Math.ceil(ROWS / PATIENTS);
const ALL = { kind: 'all' } as const;

const server = process.env.DATABASE_URL || DEFAULT_SERVER;
const bench = await freshBenchDatabase(server, 'caregraph_bench_storage');
const database = await openDatabase({ url: bench.url, maxConnections: WRITERS + 1 });
const db = database.db;
const results: Record<string, unknown> = { rows: ROWS, months: MONTHS, patients: PATIENTS, batch: BATCH, writers: WRITERS, startedAt: new Date().toISOString() };
try {
  await applyMigrations(database, auditMigrations);
  await applyMigrations(database, observationsMigrations);
  bindAuditIntegrity(db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
  await ensurePartitions(db, START, { behind: 0, ahead: MONTHS - 1 });
  const [server] = await rowsOf(db, sql`select version() as v, current_setting('shared_buffers') as sb, current_setting('synchronous_commit') as sc`);
  results.server = server;

  // --- insert, in time order, like ingestion: each batch one transaction through the real repository
  const patients = Array.from({ length: PATIENTS }, () => ({ id: randomUUID(), device: randomUUID() }));
  const walBefore = await lsn(db);
  const started = performance.now();
  let next = 0;
  let written = 0;
  const batchMs: number[] = [];
  const writer = async () => {
    for (;;) {
      const first = next;
      if (first >= ROWS) return;
      next += BATCH;
      // One batch: the next BATCH readings in time order (all devices at one instant, then the next).
      const batch: NewObservation[] = [];
      for (let n = first; n < Math.min(first + BATCH, ROWS); n += 1) {
        const patient = patients[n % PATIENTS]!;
        const step = Math.floor(n / PATIENTS);
        const vital = CODES[(step + n) % CODES.length]!;
        batch.push({
          patientId: patient.id,
          deviceId: patient.device,
          code: vital.code,
          value: Math.round((vital.base + ((n * 7919) % 1000) / 1000 * vital.spread) * 10) / 10,
          unit: vital.unit,
          effectiveAt: new Date(START.getTime() + Math.floor(step * STEP_MS)),
          idempotencyKey: randomUUID(),
          reportedValue: null,
          reportedUnit: null,
        });
      }
      // A real batch comes from one sender (device); here one sender per batch keeps the statement shape.
      const t0 = performance.now();
      await insertObservations(db, { organizationId: ORG, sourceId: `bench-gateway-${first % 7}` }, batch);
      batchMs.push(performance.now() - t0);
      written += batch.length;
      if (written % 250_000 < BATCH) process.stderr.write(`  ${written.toLocaleString()} rows, ${Math.round(written / ((performance.now() - started) / 1000))} rows/s\n`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const seconds = (performance.now() - started) / 1000;
  const walBytes = await walSince(db, walBefore);
  batchMs.sort((a, b) => a - b);
  results.insert = {
    seconds: round(seconds),
    rowsPerSecond: Math.round(ROWS / seconds),
    batchP50Ms: round(batchMs[Math.floor(batchMs.length / 2)]!),
    batchP99Ms: round(batchMs[Math.floor(batchMs.length * 0.99)]!),
    walBytes,
    walBytesPerRow: Math.round(walBytes / ROWS),
  };
  await db.execute(sql`vacuum (analyze) observations.observations`);
  await db.execute(sql`vacuum (analyze) observations.observation_keys`);

  // --- sizes, summed over partitions
  const sizes = await rowsOf(
    db,
    sql`select name, sum(pg_relation_size(relid))::bigint as bytes from (
          select 'observations (heap, all partitions)' as name, relid from pg_partition_tree('observations.observations') where isleaf
          union all select i.relname, p.relid from pg_class i, pg_partition_tree(i.oid) p
            where i.relnamespace = 'observations'::regnamespace and i.relkind = 'I' and p.isleaf
          union all select 'observation_keys (heap)', 'observations.observation_keys'::regclass
          union all select c.relname, c.oid from pg_class c
            where c.relnamespace = 'observations'::regnamespace and c.relkind = 'i' and c.relname like 'observation_keys%'
        ) s group by name order by name`,
  );
  results.sizes = sizes.map((row) => ({ name: row.name, bytes: Number(row.bytes), bytesPerRow: round(Number(row.bytes) / ROWS, 1) }));
  const total = sizes.reduce((sum, row) => sum + Number(row.bytes), 0);
  results.bytesPerRow = round(total / ROWS, 1);

  // --- reads: each the median of 21 runs, on different patients
  const repository = new ObservationRepository(db);
  const mid = monthOf(START, Math.floor(MONTHS / 2)).from;
  const someIds = (await rowsOf(db, sql`select observation_id from observations.observation_keys tablesample system (1) limit 50`)).map((row) => row.observation_id as string);
  const day = { from: new Date(mid.getTime() + 9 * 86_400_000), to: new Date(mid.getTime() + 10 * 86_400_000) };
  const month = { from: mid, to: new Date(mid.getTime() + 30 * 86_400_000) };
  let k = 0;
  const who = () => patients[(k += 37) % PATIENTS]!.id;
  results.queries = {
    'one patient, one code, 30 days, hourly buckets (vitalsSummary)': await timed(() => repository.summaries(ALL, [who()], '8867-4', month.from, month.to, 'HOUR')),
    'one patient, latest of 5 codes (latestVitals)': await timed(() => repository.latestPerCode(ALL, [who()], CODES.map((c) => c.code))),
    'one patient, newest 50 across codes (timeline page)': await timed(() => repository.timelines(ALL, [who()], {}, 50, null)),
    '50 patients, one code, 30 days (a panel)': await timed(() => repository.timelines(ALL, patients.slice(0, 50).map((p) => p.id), { code: '8867-4', from: month.from, to: month.to }, 50, null)),
    'one day, all patients, by code (analytics)': await timed(() =>
      rowsOf(db, sql`select code, count(*), avg(value) from observations.observations where effective_at >= ${iso(day.from)}::timestamptz and effective_at < ${iso(day.to)}::timestamptz group by 1`),
    ),
    'observation(id) x50 (every partition probed)': await timed(() => repository.findByIds(ALL, someIds)),
    'observation(id) x50, month read from each key first': await timed(() =>
      rowsOf(
        db,
        sql`select o.* from observations.observations o where o.id = any(${`{${someIds.join(',')}}`}::uuid[])
              and o.effective_at = any(array(select k.effective_at from observations.observation_keys k where k.observation_id = any(${`{${someIds.join(',')}}`}::uuid[])))`,
      ),
    ),
  };
  results.plans = {
    chart: await scanned(db, sql`select date_bin('1 hour', effective_at, timestamptz '2000-01-01'), avg(value) from observations.observations where patient_id = ${patients[0]!.id}::uuid and code = '8867-4' and effective_at >= ${iso(month.from)}::timestamptz and effective_at < ${iso(month.to)}::timestamptz group by 1`),
    day: await scanned(db, sql`select code, count(*) from observations.observations where effective_at >= ${iso(day.from)}::timestamptz and effective_at < ${iso(day.to)}::timestamptz group by 1`),
    latest: await planText(db, sql`select * from observations.observations o where o.patient_id = ${patients[0]!.id}::uuid and o.code = '8867-4' order by o.effective_at desc nulls last, o.id desc nulls last limit 1`),
    byId: await planText(db, sql`select o.* from observations.observations o where o.id = ${someIds[0]!}::uuid`, true),
  };

  // --- retention: drop the oldest month (and its keys) as OBSERVATIONS_RETENTION_MONTHS would,
  // run in the last month of the data with MONTHS - 2 months kept
  const walRetention = await lsn(db);
  const t0 = performance.now();
  const expired = await dropExpiredPartitions(db, new AuditLog(db, 'observations'), MONTHS - 2, new Date(END.getTime() - 1));
  results.retention = {
    dropped: expired,
    seconds: round((performance.now() - t0) / 1000),
    walBytes: await walSince(db, walRetention),
    note: 'dropping the partition is a catalog change; the time is the count per organization and the DELETE of its keys',
  };
} finally {
  await database.close();
  if (!args['keep-database']) await bench.drop();
}

results.finishedAt = new Date().toISOString();
const folder = join(import.meta.dirname, '..', 'results');
mkdirSync(folder, { recursive: true });
const file = join(folder, `storage-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`\nwritten to ${file}`);

function iso(date: Date): string {
  return date.toISOString();
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

async function lsn(db: Db): Promise<string> {
  return (await rowsOf(db, sql`select pg_current_wal_lsn()::text as l`))[0]!.l as string;
}

async function walSince(db: Db, from: string): Promise<number> {
  return Number((await rowsOf(db, sql`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${from}::pg_lsn)::bigint as b`))[0]!.b);
}

/** Median and p90 of 21 runs after 3 warm-up runs, in ms. */
async function timed(run: () => Promise<unknown>): Promise<{ medianMs: number; p90Ms: number }> {
  for (let i = 0; i < 3; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(times[10]!), p90Ms: round(times[18]!) };
}

async function scanned(db: Db, query: SQL): Promise<string[]> {
  const [row] = await rowsOf(db, sql`explain (format json, costs off) ${query}`);
  const names = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Relation Name'] === 'string') names.add(node['Relation Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const plan = row!['QUERY PLAN'];
  walk(((typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return [...names].sort();
}

async function planText(db: Db, query: SQL, analyze = false): Promise<string[]> {
  const rows = await rowsOf(db, analyze ? sql`explain (analyze, costs off, timing off, summary off) ${query}` : sql`explain (costs off) ${query}`);
  return rows.map((row) => row['QUERY PLAN'] as string);
}
