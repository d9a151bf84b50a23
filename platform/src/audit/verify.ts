import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ChainKey } from './chain-key.ts';
import { attestationIsSigned, checkpointIsSigned } from './checkpoint-file.ts';
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
    /** When the chain's unkeyed events were attested (the first valid attestation naming its cut-over); null for a chain without unkeyed events. */
    attested: string | null;
  })[];
  /** The checkpoint file read, how many of its checkpoints name this ledger, and its unreadable lines. */
  checkpoints: { file: string; ofThisLedger: number; ofOtherLedgers: number; unreadableLines: number[] } | null;
  /** How many valid legacy attestations of this ledger the checkpoint file holds (0 also when there is no file). */
  attestations: number;
}

/** The command that attests a migrated database's unkeyed events, named in what verification reports. */
export const ATTEST_LEGACY_COMMAND = 'pnpm audit:verify --attest-legacy';

const PAGE = 5_000;

/**
 * Checks every event of every chain (`pnpm audit:verify`). A chain is every name found in
 * `audit.chains`, in `audit.events` or in a published checkpoint of this database, so removing a
 * head or a whole chain does not make it disappear from the check. Each chain must run from 1 with
 * contiguous sequence numbers, each event linking to the one before and carrying a valid MAC (the
 * unkeyed hash up to the chain's cut-over), end exactly at its head, and still hold every event a
 * published checkpoint names, with the same MAC. A chain with unkeyed events (a cut-over,
 * `legacy_until > 0`) must also be named, with exactly that cut-over and the hash of the event
 * there, by a legacy attestation signed with the key (made when a keyed writer first saw the
 * migrated database, or by `pnpm audit:verify --attest-legacy`): otherwise its unkeyed events,
 * which anyone can hash, prove nothing. The first event that does not check out is reported.
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
  const headsOf = (chain: string): PublishedHeads => {
    const heads = published.get(chain) ?? { bySeq: new Map(), forged: null, attested: [] };
    published.set(chain, heads);
    return heads;
  };
  for (const checkpoint of mine) {
    const signed = key !== null && checkpointIsSigned(key, checkpoint);
    for (const head of checkpoint.heads) {
      const heads = headsOf(head.chain);
      if (signed) heads.bySeq.set(head.seq, { mac: head.mac, at: checkpoint.at });
      else heads.forged ??= { seq: head.seq, at: checkpoint.at, what: 'checkpoint' };
    }
  }
  // An attestation is also a signed statement of where a chain stood: it pins the event at the cut-over like a checkpoint.
  const attestations = file?.attestations.filter((attestation) => attestation.ledger === ledger) ?? [];
  let validAttestations = 0;
  for (const attestation of attestations) {
    const signed = key !== null && attestationIsSigned(key, attestation);
    if (signed) validAttestations += 1;
    for (const head of attestation.chains) {
      const heads = headsOf(head.chain);
      if (signed) {
        heads.attested.push({ seq: head.seq, mac: head.mac, at: attestation.at });
        if (!heads.bySeq.has(head.seq)) heads.bySeq.set(head.seq, { mac: head.mac, at: attestation.at });
      } else heads.forged ??= { seq: head.seq, at: attestation.at, what: 'legacy attestation' };
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
    attestations: validAttestations,
  };
}

interface PublishedHeads {
  bySeq: Map<number, { mac: string; at: string }>;
  /** A checkpoint or attestation naming this chain whose signature does not verify (the file was written without the key). */
  forged: { seq: number; at: string; what: string } | null;
  /** The cut-overs valid legacy attestations name for this chain, with the hash of the event there. */
  attested: { seq: number; mac: string; at: string }[];
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
  if (published?.forged) fail(published.forged.seq, `the ${published.forged.what} published at ${published.forged.at} does not carry a valid signature (the checkpoint file was altered)`);
  const attested = (published?.attested ?? []).filter((attestation) => attestation.seq === legacyUntil);
  if (legacyUntil > 0 && attested.length === 0) {
    const other = published?.attested[0];
    fail(
      1,
      other
        ? `legacy events not attested: the chain's cut-over to keyed MACs is at event ${legacyUntil}, the attestation of ${other.at} puts it at event ${other.seq} (the cut-over was moved)`
        : `legacy events not attested: events 1 to ${legacyUntil} carry only the public unkeyed hash, and no legacy attestation signed with the audit key names this chain (a chain not there when a keyed writer first saw the migrated database, or one rewritten since). If this database was just upgraded and no keyed writer has started on it, attest it once with ${ATTEST_LEGACY_COMMAND}`,
    );
  }

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
        else if (row.seq === legacyUntil && !attested.some((attestation) => attestation.mac === row.hash)) {
          fail(row.seq, `event differs from the legacy attestation of ${attested[0]!.at} (the unkeyed events were rewritten)`);
        } else unkeyed += 1;
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
  if (legacyUntil > 0 && lastSeq < legacyUntil && !broken) fail(lastSeq + 1, `event missing: the chain's cut-over is at event ${legacyUntil}, the chain ends at event ${lastSeq}`);
  return { chain, events, broken, unkeyed, checkpoint: latest, attested: legacyUntil > 0 && attested.length > 0 ? attested[0]!.at : null };
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
