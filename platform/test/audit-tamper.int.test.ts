import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../test/support/domain-database.ts';
import {
  ATTEST_LEGACY_COMMAND,
  attestLegacyEvents,
  AuditIntegrity,
  AuditLog,
  auditMigrations,
  bindAuditIntegrity,
  GENESIS_HASH,
  hashEvent,
  inspectAuditLog,
  seal,
  verifyAuditLog,
  type AuditEntry,
  type SealedAuditEvent,
} from '../src/audit/index.ts';
import { applyMigrations, type MigrationSet } from '../src/db/migrate.ts';
import type { Db } from '../src/db/database.ts';

const PATIENT = '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';

function entry(n: number): AuditEntry {
  return {
    action: 'read',
    outcome: 'success',
    resourceType: 'Patient',
    resourceId: PATIENT,
    patientId: PATIENT,
    fields: ['mrn'],
    actor: { sub: `clinician-${n}`, role: 'clinician', organizationId: null, clientId: null },
    requestId: `req-${n}`,
    traceId: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
  };
}

const entries = (count: number) => Array.from({ length: count }, (_, i) => entry(i + 1));

/** The database's own message for a refused statement (drizzle wraps it). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  return statement.then(
    () => 'not refused',
    (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
  );
}

/** What a superuser can do: statements with every trigger off (`session_replication_role = replica`). */
async function asSuperuser(db: Db, work: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx as unknown as Db);
  });
}

interface StoredRow {
  id: string;
  chain: string;
  seq: number;
  occurred_at: string | Date;
  actor_sub: string | null;
  actor_role: string | null;
  actor_organization_id: string | null;
  client_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  fields: string[];
  outcome: string;
  request_id: string;
  trace_id: string | null;
  source_address: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

async function rowsOf(db: Db, chain: string): Promise<StoredRow[]> {
  const result = (await db.execute(sql`select * from audit.events where chain = ${chain} order by seq`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: StoredRow[] }).rows) as StoredRow[];
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The published algorithm anyone can run: the unkeyed SHA-256 the chain used before it had a key. */
function publicHashOf(row: StoredRow, prevHash: string): string {
  return hashEvent({
    id: row.id,
    chain: row.chain,
    seq: row.seq,
    occurredAt: new Date(row.occurred_at),
    actor: { sub: row.actor_sub, role: row.actor_role, organizationId: row.actor_organization_id, clientId: row.client_id },
    action: row.action as never,
    outcome: row.outcome as never,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    patientId: row.patient_id,
    fields: row.fields,
    requestId: row.request_id,
    traceId: row.trace_id,
    sourceAddress: row.source_address,
    userAgent: row.user_agent,
    prevHash,
  });
}

/**
 * A superuser's forgery: a new chain of events sealed with the public unkeyed hash, its head and a
 * cut-over (legacy_until) claiming they predate the keyed chain.
 */
async function forgeUnkeyedChain(db: Db, chain: string, count: number): Promise<void> {
  await asSuperuser(db, async (tx) => {
    await tx.execute(sql`insert into audit.chains (chain, last_seq, last_hash) values (${chain}, 0, ${GENESIS_HASH})`);
    const forged: SealedAuditEvent[] = [];
    for (const [i, item] of entries(count).entries()) forged.push(seal({ ...item, actor: { ...item.actor, sub: 'framed-clinician' } }, chain, i + 1, forged[i - 1]?.hash ?? GENESIS_HASH, new Date(), hashEvent));
    for (const e of forged) {
      await tx.execute(sql`insert into audit.events (id, chain, seq, occurred_at, actor_sub, actor_role, action, resource_type, resource_id, patient_id,
                                fields, outcome, request_id, source_address, user_agent, prev_hash, hash)
        values (${e.id}, ${e.chain}, ${e.seq}, ${e.occurredAt.toISOString()}, ${e.actor.sub}, ${e.actor.role}, ${e.action}, ${e.resourceType}, ${e.resourceId},
                ${e.patientId}, array['mrn'], ${e.outcome}, ${e.requestId}, ${e.sourceAddress}, ${e.userAgent}, ${e.prevHash}, ${e.hash})`);
    }
    await tx.execute(sql`update audit.chains set last_seq = ${count}, last_hash = ${forged[count - 1]!.hash}, legacy_until = ${count} where chain = ${chain}`);
  });
}

/** A superuser's rewrite of a whole chain with the public unkeyed hash (actor changed), head and cut-over to match. */
async function rewriteAsUnkeyed(db: Db, chain: string): Promise<void> {
  await asSuperuser(db, async (tx) => {
    let prevHash = GENESIS_HASH;
    const rows = await rowsOf(tx, chain);
    for (const row of rows) {
      const changed = { ...row, actor_sub: 'someone-else' };
      const hash = publicHashOf(changed, prevHash);
      await tx.execute(sql`update audit.events set actor_sub = 'someone-else', prev_hash = ${prevHash}, hash = ${hash} where chain = ${chain} and seq = ${row.seq}`);
      prevHash = hash;
    }
    await tx.execute(sql`update audit.chains set last_hash = ${prevHash}, legacy_until = ${rows.length} where chain = ${chain}`);
  });
}

const NOT_ATTESTED = /^legacy events not attested: /;

describe('audit tamper-evidence against a database administrator (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let dir: string;
  let integrity: AuditIntegrity;
  const key = randomBytes(32);
  const db = () => database.db;
  const brokenOf = async (chain: string) => (await verifyAuditLog(db())).find((report) => report.chain === chain)?.broken;
  /** Publishes a checkpoint now (the platform does so every 10 s and at exit). */
  const publish = async () => (await integrity.ledger(db())).publisher!.publish();

  beforeAll(async () => {
    database = await migratedDatabase(auditMigrations);
    dir = mkdtempSync(join(tmpdir(), 'caregraph-audit-tamper-'));
    // The key lives outside the database (in the platform: the key file); the DBA never sees it.
    integrity = new AuditIntegrity(key, { checkpointsFile: join(dir, 'audit-checkpoints.jsonl'), checkpointIntervalMs: 3_600_000 });
    bindAuditIntegrity(database.db, integrity);
  });
  afterAll(async () => {
    (await integrity.ledger(db())).publisher?.stop();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh ledger has no unkeyed events: the first writer attests that there are none', async () => {
    await new AuditLog(db(), 'first').append(entries(1));
    const ledger = (await integrity.ledger(db())).id;
    const result = (await db().execute(sql`select count(*)::int as n from audit.chains where legacy_until > 0`)) as unknown;
    expect(((Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[])[0]!.n).toBe(0);
    const attestations = integrity.checkpoints!.read().attestations.filter((attestation) => attestation.ledger === ledger);
    expect(attestations.map((attestation) => attestation.chains)).toEqual([[]]);
  });

  it('(e) a new chain of events hashed with the public hash and given a cut-over is not attested', async () => {
    await forgeUnkeyedChain(db(), 'patients:7', 3);
    expect(await brokenOf('patients:7')).toEqual({ seq: 1, reason: expect.stringMatching(NOT_ATTESTED) });

    // A writer starting now (another process, the same key and checkpoint file) has seen this ledger before: it attests nothing.
    const restarted = new AuditIntegrity(key, { checkpointsFile: integrity.checkpoints!.path, checkpointIntervalMs: 3_600_000 });
    await new AuditLog(db(), 'after-restart', restarted).append(entries(1));
    (await restarted.ledger(db())).publisher?.stop();
    expect(await brokenOf('patients:7')).toEqual({ seq: 1, reason: expect.stringMatching(NOT_ATTESTED) });
  });

  it('(f) a keyed chain never checkpointed, rewritten whole with the public hash and a cut-over, is not attested', async () => {
    await new AuditLog(db(), 'rewritten').append(entries(4));
    await rewriteAsUnkeyed(db(), 'rewritten');
    expect(await brokenOf('rewritten')).toEqual({ seq: 1, reason: expect.stringMatching(NOT_ATTESTED) });
  });

  it('(a) a forged event added with a plain INSERT fails verification, head moved or not', async () => {
    await new AuditLog(db(), 'forged').append(entries(3));
    const [, , third] = await rowsOf(db(), 'forged');
    const forged: StoredRow = { ...third!, id: randomUUID(), seq: 4, actor_sub: 'nobody', prev_hash: third!.hash };
    forged.hash = publicHashOf(forged, third!.hash);
    // No trigger is bypassed: INSERT is allowed on an append-only table.
    await db().execute(sql`
      insert into audit.events (id, chain, seq, occurred_at, actor_sub, actor_role, action, resource_type, resource_id, patient_id,
                                fields, outcome, request_id, source_address, user_agent, prev_hash, hash)
      values (${forged.id}, 'forged', 4, ${new Date(forged.occurred_at).toISOString()}, 'nobody', 'clinician', 'read', 'Patient', ${PATIENT},
              ${PATIENT}, array['mrn'], 'success', 'req-x', '127.0.0.1', 'vitest', ${forged.prev_hash}, ${forged.hash})`);
    expect(await brokenOf('forged')).toEqual({ seq: 4, reason: 'MAC does not match: the event was changed, or written without the audit key' });

    // Moving the head forward is what a writer does, so the trigger allows it; the MAC still fails.
    await db().execute(sql`update audit.chains set last_seq = 4, last_hash = ${forged.hash} where chain = 'forged'`);
    expect(await brokenOf('forged')).toEqual({ seq: 4, reason: 'MAC does not match: the event was changed, or written without the audit key' });

    // Nor can a chain be started part-way (to hold forged events from 1 on), or moved backwards.
    await expect(db().execute(sql`insert into audit.chains (chain, last_seq, last_hash) values ('ghost', 5, ${'f'.repeat(64)})`)).rejects.toThrow();
    await expect(db().execute(sql`update audit.chains set last_seq = 2 where chain = 'forged'`)).rejects.toThrow();
    await expect(db().execute(sql`update audit.chains set legacy_until = 4 where chain = 'forged'`)).rejects.toThrow();
  });

  it('(b) a chain head cannot be deleted; deleted by a superuser, its chain still fails verification', async () => {
    await new AuditLog(db(), 'headless').append(entries(2));
    await publish();
    await expect(refusal(db().execute(sql`delete from audit.chains where chain = 'headless'`))).resolves.toMatch(/never removed/);
    await expect(db().execute(sql`truncate audit.chains`)).rejects.toThrow();

    await asSuperuser(db(), (tx) => tx.execute(sql`delete from audit.chains where chain = 'headless'`));
    expect(await brokenOf('headless')).toEqual({ seq: 1, reason: 'event of an unknown chain: audit.chains has no head for it (the head was removed)' });

    // The whole chain gone, events and head: the published checkpoint still names it.
    await asSuperuser(db(), (tx) => tx.execute(sql`delete from audit.events where chain = 'headless'`));
    expect(await brokenOf('headless')).toEqual({ seq: 1, reason: expect.stringMatching(/^chain missing: a checkpoint published at .+ shows it reached event 2$/) });
  });

  it('(c) an edited event with every later hash and the head recomputed fails at the edited event', async () => {
    await new AuditLog(db(), 'edited').append(entries(5));
    await asSuperuser(db(), async (tx) => {
      let prevHash = (await rowsOf(tx, 'edited'))[0]!.hash;
      for (const row of (await rowsOf(tx, 'edited')).slice(1)) {
        const changed = { ...row, actor_sub: row.seq === 2 ? 'someone-else' : row.actor_sub };
        const hash = publicHashOf(changed, prevHash);
        await tx.execute(sql`update audit.events set actor_sub = ${changed.actor_sub}, prev_hash = ${prevHash}, hash = ${hash} where chain = 'edited' and seq = ${row.seq}`);
        prevHash = hash;
      }
      await tx.execute(sql`update audit.chains set last_hash = ${prevHash} where chain = 'edited'`);
    });
    expect(await brokenOf('edited')).toEqual({ seq: 2, reason: 'MAC does not match: the event was changed, or written without the audit key' });
  });

  it('(d) a truncated tail with the head rewound fails against the last published checkpoint', async () => {
    await new AuditLog(db(), 'truncated').append(entries(5));
    await publish();
    // The two ways a superuser gets past the triggers: session_replication_role, and disabling one.
    const third = (await rowsOf(db(), 'truncated'))[2]!;
    await asSuperuser(db(), (tx) => tx.execute(sql`update audit.chains set last_seq = 3, last_hash = ${third.hash} where chain = 'truncated'`));
    expect(await brokenOf('truncated')).toEqual({ seq: 4, reason: "event beyond the chain's head (event 3): not appended by the writer" });
    await db().execute(sql`alter table audit.events disable trigger events_append_only`);
    await db().execute(sql`delete from audit.events where chain = 'truncated' and seq > 3`);
    await db().execute(sql`alter table audit.events enable trigger events_append_only`);

    expect(await brokenOf('truncated')).toEqual({
      seq: 4,
      reason: expect.stringMatching(/^events removed: a checkpoint published at .+ shows the chain reached event 5, it now ends at event 3$/),
    });
  });

  it('the limit: a tail appended after the last published checkpoint can be removed unseen', async () => {
    // Documented, not hidden: the window is the checkpoint interval (10 s) or, at a crash, the time since the last one.
    const log = new AuditLog(db(), 'window');
    await log.append(entries(2));
    await publish();
    await log.append([entry(3), entry(4)]);
    await asSuperuser(db(), async (tx) => {
      await tx.execute(sql`delete from audit.events where chain = 'window' and seq > 2`);
      const second = (await rowsOf(tx, 'window'))[1]!;
      await tx.execute(sql`update audit.chains set last_seq = 2, last_hash = ${second.hash} where chain = 'window'`);
    });
    expect(await brokenOf('window')).toBeNull();
  });

  it('names the first gap, and an event whose sequence number appears twice', async () => {
    await new AuditLog(db(), 'gap').append(entries(4));
    await asSuperuser(db(), (tx) => tx.execute(sql`delete from audit.events where chain = 'gap' and seq = 2`));
    expect(await brokenOf('gap')).toEqual({ seq: 2, reason: 'event missing' });
  });

  it('rejects a checkpoint line written without the key', async () => {
    await new AuditLog(db(), 'pinned').append(entries(1));
    const ledger = (await integrity.ledger(db())).id;
    const forged = { v: 1, ledger, at: new Date().toISOString(), heads: [{ chain: 'pinned', seq: 1, mac: 'f'.repeat(64) }], mac: '0'.repeat(64) };
    appendFileSync(integrity.checkpoints!.path, `${JSON.stringify(forged)}\n`);
    expect(await brokenOf('pinned')).toEqual({ seq: 1, reason: expect.stringContaining('does not carry a valid signature') });
  });

  it('binds every MAC to the ledger: a ledger id rewritten in place breaks every keyed chain', async () => {
    await new AuditLog(db(), 'ledger').append(entries(2));
    const before = (await integrity.ledger(db())).id;
    await expect(db().execute(sql`update audit.ledger set id = gen_random_uuid()`)).rejects.toThrow();
    await asSuperuser(db(), (tx) => tx.execute(sql`update audit.ledger set id = gen_random_uuid()`));
    try {
      expect(await brokenOf('ledger')).toEqual({ seq: 1, reason: 'MAC does not match: the event was changed, or written without the audit key' });
    } finally {
      await asSuperuser(db(), (tx) => tx.execute(sql`update audit.ledger set id = ${before}`));
    }
    expect(await brokenOf('ledger')).toBeNull();
  });

  it('names a duplicated sequence number (a superuser dropped the primary key)', async () => {
    // Last in this file: it leaves the table without its primary key.
    await new AuditLog(db(), 'twice').append(entries(3));
    await db().execute(sql`alter table audit.events drop constraint events_chain_seq_pk`);
    await asSuperuser(db(), (tx) =>
      tx.execute(sql`insert into audit.events select gen_random_uuid(), chain, seq, occurred_at, actor_sub, actor_role, actor_organization_id,
        client_id, action, resource_type, resource_id, patient_id, fields, outcome, request_id, trace_id, source_address, user_agent,
        prev_hash, hash from audit.events where chain = 'twice' and seq = 2`),
    );
    expect(await brokenOf('twice')).toEqual({ seq: 2, reason: 'two events with this sequence number' });
  });
});

describe('a database that already holds unkeyed events, migrated', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let dir: string;
  let integrity: AuditIntegrity;
  const key = randomBytes(32);
  const writerAt = (file: string) => new AuditIntegrity(key, { checkpointsFile: join(dir, file), checkpointIntervalMs: 3_600_000 });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-audit-legacy-'));
    // The audit migrations as they were before the keyed chain (0000-0002).
    const before = join(dir, 'drizzle');
    cpSync(auditMigrations.folder, before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((migration) => migration.tag < '0003');
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
    database = await migratedDatabase({ ...auditMigrations, folder: before } satisfies MigrationSet);
    integrity = writerAt('audit-checkpoints.jsonl');
    bindAuditIntegrity(database.db, integrity);

    // Written as the writer did before: unkeyed SHA-256 links.
    for (const chain of ['patients', 'devices', 'labs']) {
      await database.db.execute(sql`insert into audit.chains (chain, last_seq, last_hash) values (${chain}, 0, ${GENESIS_HASH})`);
      const legacy: SealedAuditEvent[] = [];
      for (const [i, item] of entries(3).entries()) legacy.push(seal(item, chain, i + 1, legacy[i - 1]?.hash ?? GENESIS_HASH, new Date(), hashEvent));
      await database.db.execute(legacyAppend(chain, legacy));
    }
    await applyMigrations(database, auditMigrations);
  });
  afterAll(async () => {
    (await integrity.ledger(database.db)).publisher?.stop();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const reportOf = async (chain: string, by: AuditIntegrity = integrity) => (await inspectAuditLog(database.db, by)).chains.find((report) => report.chain === chain);

  it('reports the unkeyed events as not attested until a keyed writer first sees the database, or the operator attests them', async () => {
    // Migrated, no keyed writer started yet: anyone could have hashed these events.
    const unattested = await reportOf('patients');
    expect(unattested!.broken).toEqual({ seq: 1, reason: expect.stringMatching(NOT_ATTESTED) });
    expect(unattested!.broken!.reason).toContain(ATTEST_LEGACY_COMMAND);

    // What `pnpm audit:verify --attest-legacy` does (here with a checkpoint file of its own, so that the writer below still sees the database first).
    const operator = writerAt('operator-checkpoints.jsonl');
    const ledger = (await inspectAuditLog(database.db, operator)).ledger!;
    const attestation = await attestLegacyEvents(database.db, ledger, operator.keyFor(ledger), operator.checkpoints!);
    expect(attestation!.chains.map((head) => [head.chain, head.seq])).toEqual([['devices', 3], ['labs', 3], ['patients', 3]]);
    expect(await attestLegacyEvents(database.db, ledger, operator.keyFor(ledger), operator.checkpoints!)).toBeNull(); // once is enough
    const report = await inspectAuditLog(database.db, operator);
    expect(report.attestations).toBe(1);
    expect(report.chains.map(({ chain, broken, unkeyed }) => ({ chain, broken, unkeyed }))).toEqual(
      ['devices', 'labs', 'patients'].map((chain) => ({ chain, broken: null, unkeyed: 3 })),
    );
  });

  it('is attested by the keyed writers that first see it, however many start together', async () => {
    const other = writerAt('audit-checkpoints.jsonl');
    await Promise.all([integrity.ledger(database.db), other.ledger(database.db)]);
    (await other.ledger(database.db)).publisher?.stop();
    const attestations = integrity.checkpoints!.read().attestations;
    expect(attestations.length).toBeGreaterThanOrEqual(1);
    for (const attestation of attestations) expect(attestation.chains.map((head) => [head.chain, head.seq])).toEqual([['devices', 3], ['labs', 3], ['patients', 3]]);
    expect(await reportOf('patients')).toEqual({ chain: 'patients', events: 3, unkeyed: 3, broken: null, checkpoint: { seq: 3, at: attestations[0]!.at }, attested: attestations[0]!.at });
  });

  it('verifies the old events by their unkeyed hash up to the cut-over, and keyed MACs after it', async () => {
    await new AuditLog(database.db, 'patients').append(entries(2));
    expect(await reportOf('patients')).toMatchObject({ chain: 'patients', events: 5, unkeyed: 3, broken: null, attested: expect.any(String) });

    // The old events are pinned by the attestation (and anchored by the first keyed one): recomputing their public hashes breaks both.
    await asSuperuser(database.db, async (tx) => {
      let prevHash = GENESIS_HASH;
      for (const row of (await rowsOf(tx, 'patients')).slice(0, 3)) {
        const changed = { ...row, fields: ['name'] };
        const hash = publicHashOf(changed, prevHash);
        await tx.execute(sql`update audit.events set fields = array['name'], prev_hash = ${prevHash}, hash = ${hash} where chain = 'patients' and seq = ${row.seq}`);
        prevHash = hash;
      }
    });
    expect((await reportOf('patients'))!.broken).toEqual({ seq: 3, reason: expect.stringMatching(/^event differs from the legacy attestation of .+ \(the unkeyed events were rewritten\)$/) });
  });

  it('catches an old chain never appended to or checkpointed since, rewritten whole with the public hash', async () => {
    expect((await reportOf('labs'))!.broken).toBeNull();
    await rewriteAsUnkeyed(database.db, 'labs');
    expect((await reportOf('labs'))!.broken).toEqual({ seq: 3, reason: expect.stringMatching(/^event differs from the legacy attestation of /) });
  });

  it('catches a chain of unkeyed events added after the writer first saw the database, even by a restarted writer', async () => {
    await forgeUnkeyedChain(database.db, 'patients:7', 3);
    const restarted = writerAt('audit-checkpoints.jsonl');
    await new AuditLog(database.db, 'restart', restarted).append(entries(1));
    (await restarted.ledger(database.db)).publisher?.stop();
    expect((await reportOf('patients:7'))!.broken).toEqual({ seq: 1, reason: expect.stringMatching(NOT_ATTESTED) });
  });

  it('catches the cut-over moved forward (keyed events recomputed as unkeyed)', async () => {
    await new AuditLog(database.db, 'devices').append(entries(2));
    await (await integrity.ledger(database.db)).publisher!.publish();
    await expect(database.db.execute(sql`update audit.chains set legacy_until = 5 where chain = 'devices'`)).rejects.toThrow();
    await asSuperuser(database.db, async (tx) => {
      const rows = await rowsOf(tx, 'devices');
      let prevHash = rows[2]!.hash;
      for (const row of rows.slice(3)) {
        const hash = publicHashOf(row, prevHash);
        await tx.execute(sql`update audit.events set prev_hash = ${prevHash}, hash = ${hash} where chain = 'devices' and seq = ${row.seq}`);
        prevHash = hash;
      }
      await tx.execute(sql`update audit.chains set legacy_until = 5, last_hash = ${prevHash} where chain = 'devices'`);
    });
    expect((await reportOf('devices'))!.broken).toEqual({
      seq: 1,
      reason: expect.stringMatching(/^legacy events not attested: the chain's cut-over to keyed MACs is at event 5, the attestation of .+ puts it at event 3 \(the cut-over was moved\)$/),
    });
  });
});

/**
 * How the writer appended before 0003 (the columns of that schema: no client_request_id yet),
 * for a database that predates the keyed chain.
 */
function legacyAppend(chain: string, events: SealedAuditEvent[]) {
  const last = events[events.length - 1]!;
  const rows = JSON.stringify(
    events.map((e) => ({
      id: e.id, chain: e.chain, seq: e.seq, occurred_at: e.occurredAt.toISOString(), actor_sub: e.actor.sub, actor_role: e.actor.role,
      actor_organization_id: e.actor.organizationId, client_id: e.actor.clientId, action: e.action, resource_type: e.resourceType,
      resource_id: e.resourceId, patient_id: e.patientId, fields: e.fields, outcome: e.outcome, request_id: e.requestId,
      trace_id: e.traceId, source_address: e.sourceAddress, user_agent: e.userAgent, prev_hash: e.prevHash, hash: e.hash,
    })),
  );
  return sql`
    with moved as (update audit.chains set last_seq = ${last.seq}, last_hash = ${last.hash} where chain = ${chain} returning chain)
    insert into audit.events (id, chain, seq, occurred_at, actor_sub, actor_role, actor_organization_id, client_id, action,
                              resource_type, resource_id, patient_id, fields, outcome, request_id, trace_id, source_address,
                              user_agent, prev_hash, hash)
    select e.* from json_to_recordset(${rows}::json) as e(id uuid, chain text, seq bigint, occurred_at timestamptz, actor_sub text,
         actor_role text, actor_organization_id uuid, client_id text, action text, resource_type text, resource_id text,
         patient_id uuid, fields text[], outcome text, request_id text, trace_id text, source_address text, user_agent text,
         prev_hash text, hash text)
    where exists (select 1 from moved)`;
}
