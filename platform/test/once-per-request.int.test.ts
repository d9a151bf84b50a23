import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../test/support/domain-database.ts';
import { AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, verifyAuditLog, type AuditEntry } from '../src/audit/index.ts';
import { CLAIM_RETENTION_MINUTES } from '../src/audit/once-per-request.ts';

const PATIENTS = ['0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f', '1d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f'];

function read(requestId: string, patientId: string, fields: string[], sub = 'clinician-1'): AuditEntry {
  return {
    action: 'read',
    outcome: 'success',
    resourceType: 'Patient',
    resourceId: null,
    patientId,
    fields,
    actor: { sub, role: 'clinician', organizationId: null, clientId: null },
    requestId,
    traceId: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
  };
}

/**
 * A subgraph over HTTP serves one request in several fetches, perhaps on several replicas, and
 * writes before each answer: the request's record of a patient must still be written once.
 */
describe('appending once per request (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
    bindAuditIntegrity(database.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function eventsOf(requestId: string) {
    const rows = (await database.db.execute(
      sql`select patient_id, fields, actor_sub from audit.events where request_id = ${requestId} order by chain, seq`,
    )) as unknown;
    return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { patient_id: string; fields: string[]; actor_sub: string }[];
  }

  it('writes a repeated read of a request once, and a widened one only for its new fields', async () => {
    const log = new AuditLog(database.db, 'patients');
    const requestId = randomUUID();
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn', 'name'])]);
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['name'])]);
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['name', 'birthDate'])]);
    expect(await eventsOf(requestId)).toEqual([
      { patient_id: PATIENTS[0], fields: ['mrn', 'name'], actor_sub: 'clinician-1' },
      { patient_id: PATIENTS[0], fields: ['birthDate'], actor_sub: 'clinician-1' },
    ]);
  });

  it('keeps requests, patients and callers apart: another caller reusing a request id claims nothing of theirs', async () => {
    const log = new AuditLog(database.db, 'patients');
    const requestId = randomUUID();
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['name']), read(requestId, PATIENTS[1]!, ['name'])]);
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['name'], 'someone-else')]);
    await log.appendOncePerRequest([read(randomUUID(), PATIENTS[0]!, ['name'])]);
    expect((await eventsOf(requestId)).map((event) => [event.patient_id, event.actor_sub])).toEqual([
      [PATIENTS[0], 'clinician-1'],
      [PATIENTS[1], 'clinician-1'],
      [PATIENTS[0], 'someone-else'],
    ]);
  });

  it('records each field exactly once when replicas serve fetches of one request at the same time', async () => {
    // Two writers on one database, as two replicas of a subgraph are; each with its own group commit.
    const replicas = [new AuditLog(database.db, 'patients'), new AuditLog(database.db, 'patients')];
    const requestId = randomUUID();
    const fetches = Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.appendOncePerRequest([read(requestId, PATIENTS[i % 2]!, i % 3 === 0 ? ['name', 'mrn'] : ['name'])]));
    await Promise.all(fetches);
    const events = await eventsOf(requestId);
    for (const patient of PATIENTS) {
      const fields = events.filter((event) => event.patient_id === patient).flatMap((event) => event.fields);
      expect(fields.sort()).toEqual(['mrn', 'name']);
    }
    expect((await verifyAuditLog(database.db)).every((chain) => chain.broken === null)).toBe(true);
  });

  it('keeps no claim when its event could not be written, so the next fetch records it', async () => {
    const log = new AuditLog(database.db, 'patients');
    const requestId = randomUUID();
    await database.db.execute(sql`alter table audit.events add constraint audit_down check (false) not valid`);
    try {
      await expect(log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn'])])).rejects.toThrow();
    } finally {
      await database.db.execute(sql`alter table audit.events drop constraint audit_down`);
    }
    await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn'])]);
    expect(await eventsOf(requestId)).toEqual([{ patient_id: PATIENTS[0], fields: ['mrn'], actor_sub: 'clinician-1' }]);
  });

  // A claim de-duplicates the fetches of one request, which live seconds. Past its retention it is
  // no longer a request's: whether or not a writer has pruned it yet (pruning runs at most once a
  // minute per writer, after an append), a request id seen again then is recorded again. And an
  // entry is recorded even when it names no field: a claim never commits without its event.
  describe('claims past their retention, and entries without fields', () => {
    const fieldsOf = async (requestId: string) => (await eventsOf(requestId)).map((event) => ({ fields: event.fields }));

    it('records a request id again once its claim is past retention, pruned or not', async () => {
      const log = new AuditLog(database.db, 'patients');
      const requestId = randomUUID();
      await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn'])]);
      // The claim grows old; no writer has pruned it (a quiet service, or a fresh process).
      await database.db.execute(
        sql`update audit.request_claims set claimed_at = now() - make_interval(mins => ${CLAIM_RETENTION_MINUTES + 1}) where claimed_at > now() - interval '1 minute'`,
      );
      await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn'])]);
      expect(await fieldsOf(requestId)).toEqual([{ fields: ['mrn'] }, { fields: ['mrn'] }]);
      // And the renewed claim de-duplicates again, as a fresh one does.
      await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, ['mrn'])]);
      expect(await eventsOf(requestId)).toHaveLength(2);
    });

    it('records an entry without fields once', async () => {
      const log = new AuditLog(database.db, 'patients');
      const requestId = randomUUID();
      await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, [])]);
      await log.appendOncePerRequest([read(requestId, PATIENTS[0]!, [])]);
      expect(await fieldsOf(requestId)).toEqual([{ fields: [] }]);
    });
  });
});
