import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../test/support/domain-database.ts';
import { AuditLog, auditMigrations, TRANSACTION_LANES, verifyAuditLog, type AuditEntry } from '../src/audit/index.ts';
import type { Db } from '../src/db/database.ts';

const PATIENT = '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';

function entry(n: number): AuditEntry {
  return {
    action: 'create',
    outcome: 'success',
    resourceType: 'Observation',
    resourceId: null,
    patientId: PATIENT,
    fields: ['recordObservations'],
    actor: { sub: `device-${n}`, role: 'device', organizationId: null, clientId: null },
    requestId: `req-${n}`,
    traceId: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
  };
}

/** Concurrent transactions of one service need a server: embedded PGlite runs one at a time. */
describe('audit appends inside transactions (PostgreSQL server)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('do not wait for another open transaction of the same service to commit', async () => {
    const log = new AuditLog(database.db, 'observations');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const firstAppended = new Promise<void>((resolve) => (appended = resolve));
    // The first transaction appends, then stays open (its chain head locked) until released.
    const first = database.db.transaction(async (tx) => {
      await log.append([entry(1)], tx as unknown as Db);
      appended();
      await held;
    });
    await firstAppended;
    // With one chain per service this append would wait on the first one's lock, and the test
    // would time out; on the next lane it commits while the first is still open.
    const second = await database.db.transaction((tx) => log.append([entry(2)], tx as unknown as Db));
    expect(second[0]!.chain).toBe('observations:1');
    release();
    await first;
  });

  it('spreads over the service’s lanes and leaves every chain intact and unforked', async () => {
    const log = new AuditLog(database.db, 'devices');
    const appends = Array.from({ length: TRANSACTION_LANES * 2 + 3 }, (_, i) =>
      database.db.transaction((tx) => log.append([entry(i), entry(i + 1000)], tx as unknown as Db)),
    );
    await Promise.all(appends);
    await log.append([entry(9999)]); // group commit, outside a transaction: the service's first chain
    const reports = (await verifyAuditLog(database.db)).filter((report) => report.chain.split(':')[0] === 'devices');
    expect(reports).toHaveLength(TRANSACTION_LANES);
    for (const report of reports) expect(report.broken, report.chain).toBeNull();
    expect(reports.reduce((total, report) => total + report.events, 0)).toBe((TRANSACTION_LANES * 2 + 3) * 2 + 1);
    const counts = await database.db.execute(sql`select chain, count(*)::int as n from audit.events where chain like 'devices%' group by chain`);
    expect((counts as unknown as { n: number }[]).every((row) => row.n >= 4)).toBe(true);
  });
});
