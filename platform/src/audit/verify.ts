import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ChainKey } from './chain-key.ts';
import { checkpointIsSigned } from './checkpoint-file.ts';
import { GENESIS_HASH, hashEvent, type SealedAuditEvent } from './event.ts';
import { auditIntegrityOf, readLedgerId, type AuditIntegrity } from './integrity.ts';
import { auditChains, auditEvents, type AuditEventRow } from './schema.ts';

export interface ChainReport {
  chain: string;
  events: number;
  /** The first event (sequence number) that does not check out, and why; null when the chain is intact. */
  broken: { seq: number; reason: string } | null;
}

/** What `pnpm audit:verify` reports beyond the chains. */
export interface AuditVerification {
  /** This database's ledger id; null when `audit.ledger` holds no single row (then nothing verifies). */
  ledger: string | null;
  chains: (ChainReport & {
    /** Events before the chain's cut-over to keyed MACs, checked by their unkeyed hash only. */
    unkeyed: number;
    /** The latest published checkpoint of this chain that the chain was checked against. */
    checkpoint: { seq: number; at: string } | null;
  })[];
  /** The checkpoint file read, how many of its checkpoints name this ledger, and its unreadable lines. */
  checkpoints: { file: string; ofThisLedger: number; ofOtherLedgers: number; unreadableLines: number[] } | null;
}

const PAGE = 5_000;

/**
 * Checks every event of every chain (`pnpm audit:verify`). A chain is every name found in
 * `audit.chains`, in `audit.events` or in a published checkpoint of this database, so removing a
 * head or a whole chain does not make it disappear from the check. Each chain must run from 1 with
 * contiguous sequence numbers, each event linking to the one before and carrying a valid MAC (the
 * unkeyed hash up to the chain's cut-over), end exactly at its head, and still hold every event a
 * published checkpoint names, with the same MAC. The first event that does not is reported.
 */
export async function verifyAuditLog(db: Db, integrity: AuditIntegrity = auditIntegrityOf(db)): Promise<ChainReport[]> {
  return (await inspectAuditLog(db, integrity)).chains.map(({ chain, events, broken }) => ({ chain, events, broken }));
}

export async function inspectAuditLog(db: Db, integrity: AuditIntegrity = auditIntegrityOf(db)): Promise<AuditVerification> {
  const ledger = await readLedgerId(db);
  const key = ledger ? integrity.keyFor(ledger) : null;
  const file = integrity.checkpoints?.read() ?? null;
  const published = new Map<string, PublishedHeads>();
  const mine = file?.checkpoints.filter((checkpoint) => checkpoint.ledger === ledger) ?? [];
  for (const checkpoint of mine) {
    const signed = key !== null && checkpointIsSigned(key, checkpoint);
    for (const head of checkpoint.heads) {
      const heads = published.get(head.chain) ?? { bySeq: new Map(), forged: null };
      if (signed) heads.bySeq.set(head.seq, { mac: head.mac, at: checkpoint.at });
      else heads.forged ??= { seq: head.seq, at: checkpoint.at };
      published.set(head.chain, heads);
    }
  }

  const heads = new Map((await db.select().from(auditChains)).map((head) => [head.chain, head]));
  const stored = (await db.selectDistinct({ chain: auditEvents.chain }).from(auditEvents)).map((row) => row.chain);
  const names = [...new Set([...heads.keys(), ...stored, ...published.keys()])].sort();
  const chains: AuditVerification['chains'] = [];
  for (const chain of names) {
    chains.push(await verifyChain(db, chain, heads.get(chain) ?? null, key, published.get(chain)));
  }
  return {
    ledger,
    chains,
    checkpoints:
      file && integrity.checkpoints
        ? { file: integrity.checkpoints.path, ofThisLedger: mine.length, ofOtherLedgers: file.checkpoints.length - mine.length, unreadableLines: file.unreadable }
        : null,
  };
}

interface PublishedHeads {
  bySeq: Map<number, { mac: string; at: string }>;
  /** A checkpoint naming this chain whose signature does not verify (the file was written without the key). */
  forged: { seq: number; at: string } | null;
}

type Head = typeof auditChains.$inferSelect;

async function verifyChain(db: Db, chain: string, head: Head | null, key: ChainKey | null, published: PublishedHeads | undefined): Promise<AuditVerification['chains'][number]> {
  const legacyUntil = head?.legacyUntil ?? 0;
  const latest = latestOf(published);
  let events = 0;
  let unkeyed = 0;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let broken = null as ChainReport['broken'];
  const fail = (seq: number, reason: string) => (broken ??= { seq, reason });

  if (!key) fail(1, 'audit.ledger has no single row, so no MAC can be checked (the ledger was removed or altered)');
  if (published?.forged) fail(published.forged.seq, `the checkpoint published at ${published.forged.at} does not carry a valid signature (the checkpoint file was altered)`);

  scan: for (let after: { seq: number; id: string } | null = null; !broken; ) {
    const rows: AuditEventRow[] = await db
      .select()
      .from(auditEvents)
      .where(after ? and(eq(auditEvents.chain, chain), sql`(${auditEvents.seq}, ${auditEvents.id}) > (${after.seq}, ${after.id})`) : eq(auditEvents.chain, chain))
      .orderBy(asc(auditEvents.seq), asc(auditEvents.id))
      .limit(PAGE + 1); // one more than is checked: the next row tells a duplicate apart from a changed event
    for (const [index, row] of rows.slice(0, PAGE).entries()) {
      events += 1;
      if (!head) fail(row.seq, 'event of an unknown chain: audit.chains has no head for it (the head was removed)');
      else if (row.seq === lastSeq || rows[index + 1]?.seq === row.seq) fail(row.seq, 'two events with this sequence number');
      else if (row.seq !== lastSeq + 1) fail(lastSeq + 1, 'event missing');
      else if (row.prevHash !== prevHash) fail(row.seq, 'link to the previous event does not match');
      else if (row.seq <= legacyUntil) {
        if (hashEvent(unsealedOf(row)) !== row.hash) fail(row.seq, 'event content does not match its hash');
        else unkeyed += 1;
      } else if (key!.event(unsealedOf(row)) !== row.hash) {
        fail(row.seq, 'MAC does not match: the event was changed, or written without the audit key');
      }
      const checkpoint = published?.bySeq.get(row.seq);
      if (!broken && checkpoint && checkpoint.mac !== row.hash) fail(row.seq, `event differs from the checkpoint published at ${checkpoint.at}`);
      if (broken) break scan;
      prevHash = row.hash;
      lastSeq = row.seq;
      after = { seq: row.seq, id: row.id };
    }
    if (rows.length <= PAGE) break;
  }

  if (head && !broken) {
    if (head.lastSeq > lastSeq) fail(lastSeq + 1, `event missing: the chain's head is at event ${head.lastSeq}, the chain ends at event ${lastSeq}`);
    else if (head.lastSeq < lastSeq) fail(head.lastSeq + 1, `event beyond the chain's head (event ${head.lastSeq}): not appended by the writer`);
    else if (head.lastHash !== prevHash) fail(lastSeq, "the chain's head does not match its last event");
  }
  if (latest && latest.seq > lastSeq && !broken) {
    fail(
      lastSeq + 1,
      lastSeq === 0 && !head
        ? `chain missing: a checkpoint published at ${latest.at} shows it reached event ${latest.seq}`
        : `events removed: a checkpoint published at ${latest.at} shows the chain reached event ${latest.seq}, it now ends at event ${lastSeq}`,
    );
  }
  return { chain, events, broken, unkeyed, checkpoint: latest };
}

function latestOf(published: PublishedHeads | undefined): { seq: number; at: string } | null {
  let latest: { seq: number; at: string } | null = null;
  for (const [seq, { at }] of published?.bySeq ?? []) if (!latest || seq > latest.seq) latest = { seq, at };
  return latest;
}

function unsealedOf(row: AuditEventRow): Omit<SealedAuditEvent, 'hash'> {
  return {
    id: row.id,
    chain: row.chain,
    seq: row.seq,
    occurredAt: row.occurredAt,
    actor: { sub: row.actorSub, role: row.actorRole, organizationId: row.actorOrganizationId, clientId: row.clientId },
    action: row.action as never,
    outcome: row.outcome as never,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    patientId: row.patientId,
    fields: row.fields,
    requestId: row.requestId,
    clientRequestId: row.clientRequestId,
    traceId: row.traceId,
    sourceAddress: row.sourceAddress,
    userAgent: row.userAgent,
    prevHash: row.prevHash,
  };
}
