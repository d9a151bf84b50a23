import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../test/support/domain-database.ts';
import { AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, type AuditEntry } from '../src/audit/index.ts';
import { CLAIM_RETENTION_MINUTES } from '../src/audit/once-per-request.ts';

const PATIENT = '2d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';

function read(requestId: string, fields: string[]): AuditEntry {
  return {
    action: 'read',
    outcome: 'success',
    resourceType: 'Patient',
    resourceId: null,
    patientId: PATIENT,
    fields,
    actor: { sub: 'clinician-1', role: 'clinician', organizationId: null, clientId: null },
    requestId,
    traceId: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
  };
}

/**
 * A claim de-duplicates the fetches of one request, which live seconds. Past its retention it is
 * no longer a request's: whether or not a writer has pruned it yet (pruning runs at most once a
 * minute per writer, after an append), a request id seen again then is recorded again. And an
 * entry is recorded even when it names no field: a claim never commits without its event.
 */
describe('request claims past their retention, and entries without fields (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
    bindAuditIntegrity(database.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function eventsOf(requestId: string) {
    const rows = (await database.db.execute(sql`select fields from audit.events where request_id = ${requestId} order by chain, seq`)) as unknown;
    return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { fields: string[] }[];
  }

  it('records a request id again once its claim is past retention, pruned or not', async () => {
    const log = new AuditLog(database.db, 'patients');
    const requestId = randomUUID();
    await log.appendOncePerRequest([read(requestId, ['mrn'])]);
    // The claim grows old; no writer has pruned it (a quiet service, or a fresh process).
    await database.db.execute(
      sql`update audit.request_claims set claimed_at = now() - make_interval(mins => ${CLAIM_RETENTION_MINUTES + 1}) where claimed_at > now() - interval '1 minute'`,
    );
    await log.appendOncePerRequest([read(requestId, ['mrn'])]);
    expect(await eventsOf(requestId)).toEqual([{ fields: ['mrn'] }, { fields: ['mrn'] }]);
    // And the renewed claim de-duplicates again, as a fresh one does.
    await log.appendOncePerRequest([read(requestId, ['mrn'])]);
    expect(await eventsOf(requestId)).toHaveLength(2);
  });

  it('records an entry without fields once', async () => {
    const log = new AuditLog(database.db, 'patients');
    const requestId = randomUUID();
    await log.appendOncePerRequest([read(requestId, [])]);
    await log.appendOncePerRequest([read(requestId, [])]);
    expect(await eventsOf(requestId)).toEqual([{ fields: [] }]);
  });
});
