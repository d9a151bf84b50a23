import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditIntegrity, AuditLog, auditMigrations, bindAuditIntegrity, readLedgerId, unavailableTransport, type SubgraphTransport } from '@caregraph/platform';
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

  it('reads a domain served over HTTP once when its database is this one', async () => {
    let calls = 0;
    const ledger = (await readLedgerId(database.db))!;
    const shared: SubgraphTransport = {
      name: 'devices',
      execute: async () => ({ data: null }),
      readTrail: async () => {
        calls += 1;
        return { ledger, rows: [] };
      },
    };
    const reader = new TrailReader(database.db, [shared]);
    expect(await reader.page({}, 10, null)).toHaveLength(1);
    expect(await reader.page({}, 10, null)).toHaveLength(1);
    expect(calls).toBe(1);
  });
});
