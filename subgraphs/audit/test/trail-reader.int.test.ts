import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, databaseIdentity, servedTrailPage, unavailableTransport, type SubgraphTransport } from '@caregraph/platform';
import { migratedDatabase } from '../../../test/support/domain-database.ts';
import { TrailReader } from '../src/trail-reader.ts';

/**
 * The audit domain's trail is the merge of every domain's database. A domain it cannot read is
 * never left out quietly: the read fails (SERVICE_UNAVAILABLE) rather than show a trail with a gap.
 */
describe('TrailReader (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
    bindAuditIntegrity(database.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
    await new AuditLog(database.db, 'audit').append([
      {
        action: 'read',
        outcome: 'success',
        resourceType: 'AuditEvent',
        resourceId: null,
        patientId: null,
        fields: ['auditEvents'],
        actor: { sub: 'auditor-1', role: 'auditor', organizationId: null, clientId: null },
        requestId: randomUUID(),
        traceId: null,
        sourceAddress: null,
        userAgent: null,
      },
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('reads this database alone when every peer shares it (in memory)', async () => {
    const inMemory: SubgraphTransport = { name: 'patients', execute: async () => ({ data: null }) };
    expect(await new TrailReader(database.db, [inMemory]).page({}, 10, null)).toHaveLength(1);
  });

  it('fails, rather than leave it out, when a domain is not configured', async () => {
    const reader = new TrailReader(database.db, [unavailableTransport('observations', 'supergraph.yaml')]);
    await expect(reader.page({}, 10, null)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('asks a domain that shares this database once a minute, and reads its events here while it is down', async () => {
    let calls = 0;
    let down = false;
    const identity = await databaseIdentity(database.db);
    const shared: SubgraphTransport = {
      name: 'devices',
      execute: async () => ({ data: null }),
      readTrail: async () => {
        calls += 1;
        if (down) throw new Error('connect ECONNREFUSED');
        return { database: identity, rows: [] };
      },
    };
    const reader = new TrailReader(database.db, [shared]);
    expect(await reader.page({}, 10, null)).toHaveLength(1);
    expect(await reader.page({}, 10, null)).toHaveLength(1);
    expect(calls).toBe(1);
    down = true;
    expect(await reader.page({}, 10, null)).toHaveLength(1);
  });

  it('fails when a domain with a database of its own is down', async () => {
    const own: SubgraphTransport = {
      name: 'observations',
      execute: async () => ({ data: null }),
      readTrail: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    await expect(new TrailReader(database.db, [own]).page({}, 10, null)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('shows an event that comes back from several databases once (a shared database answers for every domain)', async () => {
    const shared: SubgraphTransport = {
      name: 'devices',
      execute: async () => ({ data: null }),
      readTrail: (page) => servedTrailPage(database.db, page),
    };
    const rows = await new TrailReader(database.db, [shared, { ...shared, name: 'observations' }]).page({}, 10, null);
    expect(rows).toHaveLength(1);
  });

  it('keeps the events of another database, even a copy of this one (its identity, not its copied ledger id, tells them apart)', async () => {
    const clone = await migratedDatabase(auditMigrations);
    try {
      bindAuditIntegrity(clone.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
      await new AuditLog(clone.db, 'observations').append([
        { action: 'read', outcome: 'success', resourceType: 'Observation', resourceId: null, patientId: null, fields: ['latestVitals'], actor: { sub: 'c', role: 'clinician', organizationId: null, clientId: null }, requestId: randomUUID(), traceId: null, sourceAddress: null, userAgent: null },
      ]);
      const cloned: SubgraphTransport = {
        name: 'observations',
        execute: async () => ({ data: null }),
        // A copy carries this database's ledger id, but it is another database (its own identity).
        readTrail: (page) => servedTrailPage(clone.db, page),
      };
      const rows = await new TrailReader(database.db, [cloned]).page({}, 10, null);
      expect(rows.map((row) => row.resourceType).sort()).toEqual(['AuditEvent', 'Observation']);
    } finally {
      await clone.dispose();
    }
  });
});
