import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../test/support/domain-database.ts';
import { randomBytes } from 'node:crypto';
import { AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, verifyAuditLog, type AuditEntry } from '../src/audit/index.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/database.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PATIENT = '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';

function entry(n: number): AuditEntry {
  return {
    action: 'read',
    outcome: 'success',
    resourceType: 'Patient',
    resourceId: PATIENT,
    patientId: PATIENT,
    fields: ['mrn', 'name'],
    actor: { sub: `clinician-${n}`, role: 'clinician', organizationId: null, clientId: null },
    requestId: `req-${n}`,
    traceId: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
  };
}

describe('the audit log (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
    // Each case starts from empty chains, which published checkpoints would rightly call a
    // removed tail: these cases publish none (audit-tamper.int.test.ts covers checkpoints).
    bindAuditIntegrity(database.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`truncate audit.events, audit.chains`);
    });
  });

  it('links every event to the one before it, per chain', async () => {
    const log = new AuditLog(database.db, 'patients');
    const first = await log.append([entry(1), entry(2)]);
    const second = await log.append([entry(3)]);
    expect([...first, ...second].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(second[0]!.prevHash).toBe(first[1]!.hash);
    expect(await verifyAuditLog(database.db)).toEqual([{ chain: 'patients', events: 3, broken: null }]);
  });

  it('keeps one unforked chain under concurrent writers, with one insert per append', async () => {
    const log = new AuditLog(database.db, 'observations');
    const before = database.statements.count;
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append([entry(i * 3), entry(i * 3 + 1), entry(i * 3 + 2)])));
    const [report] = await verifyAuditLog(database.db);
    expect(report).toEqual({ chain: 'observations', events: 30, broken: null });
    const inserts = database.statements.count - before;
    expect(inserts).toBeLessThanOrEqual(10 * 6); // per append: begin, head insert, lock, insert, update, commit
  });

  it('appends with one statement once it knows where its chain stands', async () => {
    const log = new AuditLog(database.db, 'patients');
    await log.append([entry(1)]); // first append: the head is read (and created) under its lock
    const before = database.statements.count;
    await log.append([entry(2), entry(3)]);
    expect(database.statements.count - before).toBe(1);
    expect(await verifyAuditLog(database.db)).toEqual([{ chain: 'patients', events: 3, broken: null }]);
  });

  it('keeps one chain when two writers (replicas of a service) append to it, alternately and at once', async () => {
    const [a, b] = [new AuditLog(database.db, 'patients'), new AuditLog(database.db, 'patients')];
    await a.append([entry(1)]);
    await b.append([entry(2)]); // b has never seen the head
    await a.append([entry(3)]); // a's idea of the head is stale now
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).append([entry(10 + i), entry(20 + i)])));
    expect(await verifyAuditLog(database.db)).toEqual([{ chain: 'patients', events: 19, broken: null }]);
  });

  it('recovers when a transaction that appended rolls back', async () => {
    const log = new AuditLog(database.db, 'devices');
    await log.append([entry(1)]);
    await expect(
      database.db.transaction(async (tx) => {
        await log.append([entry(2)], tx as never);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await database.db.transaction((tx) => log.append([entry(3)], tx as never));
    await log.append([entry(4)]);
    const reports = await verifyAuditLog(database.db);
    expect(reports.every((report) => report.broken === null)).toBe(true);
    expect(reports.reduce((total, report) => total + report.events, 0)).toBe(3);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the table owner', async () => {
    await new AuditLog(database.db, 'patients').append([entry(1)]);
    await expect(database.db.execute(sql`update audit.events set outcome = 'denied'`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit.events`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit.events`)).rejects.toThrow();
  });

  it('detects a row changed, or the last events removed, behind the triggers’ back', async () => {
    await new AuditLog(database.db, 'patients').append([entry(1), entry(2), entry(3)]);
    await database.db.execute(sql`alter table audit.events disable trigger events_append_only`);
    await database.db.execute(sql`update audit.events set actor_sub = 'someone-else' where seq = 2`);
    expect((await verifyAuditLog(database.db))[0]!.broken).toEqual({ seq: 2, reason: 'MAC does not match: the event was changed, or written without the audit key' });
    await database.db.execute(sql`update audit.events set actor_sub = 'clinician-2' where seq = 2`);
    expect((await verifyAuditLog(database.db))[0]!.broken).toBeNull();
    await database.db.execute(sql`delete from audit.events where seq = 3`);
    await database.db.execute(sql`alter table audit.events enable trigger events_append_only`);
    expect((await verifyAuditLog(database.db))[0]!.broken).toEqual({ seq: 3, reason: "event missing: the chain's head is at event 3, the chain ends at event 2" });
  });
});

describe('pnpm audit:verify', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on an intact log and fails, naming the first broken link, after tampering', async () => {
    const database = await openDatabase({ dataDir: dir });
    await applyMigrations(database, auditMigrations);
    await new AuditLog(database.db, 'devices').append([entry(1), entry(2), entry(3), entry(4)]);
    await database.close();

    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/audit-verify.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: dir },
      });
    const intact = await run();
    expect(intact.stdout).toContain('chain devices: 4 events, intact');

    const tampered = await openDatabase({ dataDir: dir });
    await tampered.db.execute(sql`alter table audit.events disable trigger events_append_only`);
    await tampered.db.execute(sql`update audit.events set fields = array['name'] where seq = 3`);
    await tampered.close();
    const failure = await run().then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('chain devices: broken at event 3');
  }, 120_000); // two CLI processes, each starting an embedded database
});
