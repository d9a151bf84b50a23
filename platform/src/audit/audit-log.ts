import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { seal, GENESIS_HASH, type AuditEntry, type SealedAuditEvent } from './event.ts';
import { GroupCommit } from './group-commit.ts';
import { auditChains, auditEvents } from './schema.ts';

/**
 * Appends audit events, linked into the writer's chain. The chain head is locked for the
 * transaction, so concurrent writers to one chain queue instead of forking it. Pass a transaction
 * to record a change and its audit event atomically; without one, appends that arrive while a
 * write is in flight are committed together in the next one (one multi-row insert, see
 * {@link GroupCommit}), and each resolves only once its events are committed.
 */
export class AuditLog {
  private readonly group: GroupCommit<AuditEntry, SealedAuditEvent>;

  constructor(
    private readonly db: Db,
    /** The chain this writer appends to (one per service, so services never wait on each other). */
    readonly chain: string,
  ) {
    this.group = new GroupCommit((entries) => this.db.transaction((inner) => this.appendIn(inner as unknown as Db, entries)));
  }

  async append(entries: AuditEntry[], tx?: Db): Promise<SealedAuditEvent[]> {
    if (entries.length === 0) return [];
    if (tx) return this.appendIn(tx, entries);
    return this.group.submit(entries);
  }

  private async appendIn(tx: Db, entries: AuditEntry[]): Promise<SealedAuditEvent[]> {
    await tx.insert(auditChains).values({ chain: this.chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
    const [head] = await tx.select().from(auditChains).where(eq(auditChains.chain, this.chain)).for('update');
    let seq = head!.lastSeq;
    let prevHash = head!.lastHash;
    const now = new Date();
    const sealed = entries.map((entry) => {
      const event = seal(entry, this.chain, ++seq, prevHash, now);
      prevHash = event.hash;
      return event;
    });
    await tx.insert(auditEvents).values(
      sealed.map((e) => ({
        id: e.id,
        chain: e.chain,
        seq: e.seq,
        occurredAt: e.occurredAt,
        actorSub: e.actor.sub,
        actorRole: e.actor.role,
        actorOrganizationId: e.actor.organizationId,
        clientId: e.actor.clientId,
        action: e.action,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        patientId: e.patientId,
        fields: e.fields,
        outcome: e.outcome,
        requestId: e.requestId,
        traceId: e.traceId,
        sourceAddress: e.sourceAddress,
        userAgent: e.userAgent,
        prevHash: e.prevHash,
        hash: e.hash,
      })),
    );
    await tx.update(auditChains).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChains.chain, this.chain));
    return sealed;
  }
}

