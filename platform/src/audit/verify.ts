import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { GENESIS_HASH, hashEvent } from './event.ts';
import { auditChains, auditEvents, type AuditEventRow } from './schema.ts';

export interface ChainReport {
  chain: string;
  events: number;
  /** The first event whose stored hash or link does not check out; null when the chain is intact. */
  broken: { seq: number; reason: string } | null;
}

const PAGE = 5_000;

function recompute(row: AuditEventRow): string {
  return hashEvent({
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
    traceId: row.traceId,
    sourceAddress: row.sourceAddress,
    userAgent: row.userAgent,
    prevHash: row.prevHash,
  });
}

/** Walks every chain from its first event, recomputing each hash and link (`pnpm audit:verify`). */
export async function verifyAuditLog(db: Db): Promise<ChainReport[]> {
  const heads = await db.select().from(auditChains).orderBy(asc(auditChains.chain));
  const reports: ChainReport[] = [];
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let events = 0;
    let broken: ChainReport['broken'] = null;
    scan: for (let after = 0; ; ) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, head.chain), gt(auditEvents.seq, after)))
        .orderBy(asc(auditEvents.seq))
        .limit(PAGE);
      for (const row of rows) {
        events += 1;
        if (row.seq !== expectedSeq) broken = { seq: expectedSeq, reason: 'event missing' };
        else if (row.prevHash !== prevHash) broken = { seq: row.seq, reason: 'link to the previous event does not match' };
        else if (recompute(row) !== row.hash) broken = { seq: row.seq, reason: 'event content does not match its hash' };
        if (broken) break scan;
        prevHash = row.hash;
        expectedSeq += 1;
        after = row.seq;
      }
      if (rows.length < PAGE) break;
    }
    if (!broken && (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash)) {
      broken = { seq: expectedSeq, reason: 'events after this point were removed' };
    }
    reports.push({ chain: head.chain, events, broken });
  }
  return reports;
}
