import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { seal, GENESIS_HASH, type AuditEntry, type SealedAuditEvent } from './event.ts';
import { GroupCommit } from './group-commit.ts';
import { auditChains, auditEvents } from './schema.ts';

/**
 * How many chains a service's in-transaction appends spread over. A chain's head is locked until
 * the transaction that appends to it commits, so with one chain every writing transaction of the
 * service (each ingestion batch, say) waited for the previous one's commit. Consecutive
 * transactions take consecutive lanes, so they collide only when one is still open 16 later
 * (a process runs at most its pool's worth of transactions at once, 10 by default).
 */
export const TRANSACTION_LANES = 16;

/**
 * Appends audit events, linked into hash chains. A chain's head is locked for the transaction, so
 * concurrent writers to one chain queue instead of forking it. Pass a transaction to record a
 * change and its audit event atomically: those appends go to the service's lanes (`<chain>`,
 * `<chain>:1` … `<chain>:15`, see {@link TRANSACTION_LANES}). Without one, appends that arrive while a
 * write is in flight are committed together in the next one on the service's first chain (one
 * multi-row insert, see {@link GroupCommit}), and each resolves only once its events are committed.
 */
export class AuditLog {
  private readonly group: GroupCommit<AuditEntry, SealedAuditEvent>;
  private nextLane = 0;

  constructor(
    private readonly db: Db,
    /** The service's chain (one per service, so services never wait on each other). */
    readonly chain: string,
  ) {
    this.group = new GroupCommit((entries) => this.db.transaction((inner) => this.appendIn(inner as unknown as Db, this.chain, entries)));
  }

  async append(entries: AuditEntry[], tx?: Db): Promise<SealedAuditEvent[]> {
    if (entries.length === 0) return [];
    if (tx) return this.appendIn(tx, this.laneChain(), entries);
    return this.group.submit(entries);
  }

  private laneChain(): string {
    const lane = this.nextLane;
    this.nextLane = (lane + 1) % TRANSACTION_LANES;
    return lane === 0 ? this.chain : `${this.chain}:${lane}`;
  }

  /** The chain's head, locked until the transaction ends; created on the chain's first append. */
  private async lockHead(tx: Db, chain: string): Promise<{ lastSeq: number; lastHash: string }> {
    const lock = () => tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for('update');
    const [head] = await lock();
    if (head) return head;
    await tx.insert(auditChains).values({ chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
    const [created] = await lock();
    return created!;
  }

  private async appendIn(tx: Db, chain: string, entries: AuditEntry[]): Promise<SealedAuditEvent[]> {
    const head = await this.lockHead(tx, chain);
    let seq = head.lastSeq;
    let prevHash = head.lastHash;
    const now = new Date();
    const sealed = entries.map((entry) => {
      const event = seal(entry, chain, ++seq, prevHash, now);
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
    await tx.update(auditChains).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChains.chain, chain));
    return sealed;
  }
}

