import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { appendStatement, type ChainHead } from './append-statement.ts';
import { seal, GENESIS_HASH, type AuditEntry, type EventMac, type SealedAuditEvent } from './event.ts';
import { GroupCommit } from './group-commit.ts';
import { auditIntegrityOf, type AuditIntegrity } from './integrity.ts';
import { CLAIM_PRUNE_INTERVAL_MS, claimStatement, mergeByClaim, pruneStatement, unrecorded } from './once-per-request.ts';
import { log } from '../log/logger.ts';
import { auditChains } from './schema.ts';

/**
 * How many chains a service's in-transaction appends spread over. A chain's head is locked until
 * the transaction that appends to it commits, so with one chain every writing transaction of the
 * service (each ingestion batch, say) waited for the previous one's commit. Consecutive
 * transactions take consecutive lanes, so they collide only when one is still open 16 later
 * (a process runs at most its pool's worth of transactions at once, 10 by default).
 */
export const TRANSACTION_LANES = 16;

/**
 * Appends audit events, linked into chains by a MAC under the chain key (see {@link AuditIntegrity};
 * computed here, so an append stays one statement), with signed checkpoints of the heads
 * published outside the database. A chain's head is locked for the transaction, so
 * concurrent writers to one chain queue instead of forking it. Pass a transaction to record a
 * change and its audit event atomically: those appends go to the service's lanes (`<chain>`,
 * `<chain>:1` … `<chain>:15`, see {@link TRANSACTION_LANES}). Without one, appends that arrive while a
 * write is in flight are committed together in the next one on the service's first chain (one
 * multi-row insert, see {@link GroupCommit}), and each resolves only once its events are committed.
 */
export class AuditLog {
  private readonly group: GroupCommit<AuditEntry, SealedAuditEvent>;
  private readonly onceGroup: GroupCommit<AuditEntry, void>;
  private lastPrune = 0;
  private nextLane = 0;
  /**
   * Where each chain's head stood after this writer's last append there. A guess, which the append
   * statement checks: right, an append is one statement; wrong (another writer, replica or a
   * rolled-back transaction moved it), the head is read under its lock and the append retried.
   */
  private readonly heads = new Map<string, ChainHead>();

  constructor(
    private readonly db: Db,
    /** The service's chain (one per service, so services never wait on each other). */
    readonly chain: string,
    /**
     * The chain key and checkpoints; default: the ones bound to `db` (see {@link auditIntegrityOf}),
     * looked up at the first append, so building a subgraph reads no key.
     */
    private integrity?: AuditIntegrity,
  ) {
    this.group = new GroupCommit((entries) => this.appendTo(this.db, this.chain, entries, false));
    this.onceGroup = new GroupCommit(async (entries) => {
      await this.appendClaimed(entries);
      return entries.map(() => undefined);
    });
  }

  async append(entries: AuditEntry[], tx?: Db): Promise<SealedAuditEvent[]> {
    if (entries.length === 0) return [];
    if (tx) return this.appendTo(tx, this.laneChain(), entries, true);
    return this.group.submit(entries);
  }

  /**
   * Appends reads and refusals of one fetch so that each request's record of a patient (or record)
   * is one event, however many fetches, replicas or calls served it: an entry whose request already
   * recorded it writes nothing, and one that adds fields writes only those (see
   * once-per-request.ts). Group-committed like {@link append}; resolves once committed.
   */
  async appendOncePerRequest(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.onceGroup.submit(entries);
  }

  private async appendClaimed(entries: AuditEntry[]): Promise<void> {
    const merged = mergeByClaim(entries);
    await this.db.transaction(async (txn) => {
      const tx = txn as unknown as Db;
      const claimed = unrecorded(merged, rowsOf(await tx.execute(claimStatement(merged))) as { claim: string; previous: string[] }[]);
      // In the claims' transaction: a claim commits with its events or not at all.
      if (claimed.length > 0) await this.appendTo(tx, this.chain, claimed, true);
    });
    this.pruneClaims();
  }

  /** Now and then, claims past their retention go; a failure only delays that to the next try. */
  private pruneClaims(): void {
    const now = Date.now();
    if (now - this.lastPrune < CLAIM_PRUNE_INTERVAL_MS) return;
    this.lastPrune = now;
    this.db.execute(pruneStatement()).then(
      () => {},
      (error: unknown) => log.warn({ detail: error instanceof Error ? error.message : String(error) }, 'audit request claims not pruned'),
    );
  }

  private laneChain(): string {
    const lane = this.nextLane;
    this.nextLane = (lane + 1) % TRANSACTION_LANES;
    return lane === 0 ? this.chain : `${this.chain}:${lane}`;
  }

  private async appendTo(db: Db, chain: string, entries: AuditEntry[], inTransaction: boolean): Promise<SealedAuditEvent[]> {
    this.integrity ??= auditIntegrityOf(this.db);
    const ledger = await this.integrity.ledger(this.db, db);
    const sealed = await this.appendSealed(db, chain, entries, inTransaction, ledger.key.event);
    const last = sealed[sealed.length - 1]!;
    if (inTransaction) ledger.publisher?.appendedInTransaction(chain);
    else ledger.publisher?.committedHead({ chain, seq: last.seq, mac: last.hash });
    return sealed;
  }

  private async appendSealed(db: Db, chain: string, entries: AuditEntry[], inTransaction: boolean, mac: EventMac): Promise<SealedAuditEvent[]> {
    const known = this.heads.get(chain);
    if (known) {
      const sealed = sealAll(entries, chain, known, mac);
      if (await this.tryAppend(db, chain, known, sealed)) return sealed;
    }
    if (inTransaction) return this.appendLocked(db, chain, entries, mac);
    return db.transaction((tx) => this.appendLocked(tx as unknown as Db, chain, entries, mac));
  }

  /** With the head locked, the append cannot miss: nobody else can move it until this commits. */
  private async appendLocked(tx: Db, chain: string, entries: AuditEntry[], mac: EventMac): Promise<SealedAuditEvent[]> {
    const head = await lockHead(tx, chain);
    const sealed = sealAll(entries, chain, head, mac);
    if (!(await this.tryAppend(tx, chain, head, sealed))) throw new Error(`the head of audit chain ${chain} moved while locked`);
    return sealed;
  }

  private async tryAppend(db: Db, chain: string, expected: ChainHead, sealed: SealedAuditEvent[]): Promise<boolean> {
    const appended = rowsOf(await db.execute(appendStatement(chain, expected, sealed))).length > 0;
    if (!appended) {
      this.heads.delete(chain);
      return false;
    }
    const last = sealed[sealed.length - 1]!;
    this.heads.set(chain, { seq: last.seq, hash: last.hash });
    return true;
  }
}

function sealAll(entries: AuditEntry[], chain: string, head: ChainHead, mac: EventMac): SealedAuditEvent[] {
  let seq = head.seq;
  let prevHash = head.hash;
  const now = new Date();
  return entries.map((entry) => {
    const event = seal(entry, chain, ++seq, prevHash, now, mac);
    prevHash = event.hash;
    return event;
  });
}

/** The chain's head, locked until the transaction ends; created on the chain's first append. */
async function lockHead(tx: Db, chain: string): Promise<ChainHead> {
  const lock = async () => {
    const [row] = await tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for('update');
    return row ? { seq: row.lastSeq, hash: row.lastHash } : null;
  };
  const head = await lock();
  if (head) return head;
  await tx.insert(auditChains).values({ chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  return (await lock())!;
}

function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
}
