import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { log } from '../log/logger.ts';
import type { ChainKey } from './chain-key.ts';
import { signCheckpoint, type CheckpointFile, type CheckpointHead } from './checkpoint-file.ts';
import { auditChains } from './schema.ts';

/** How soon after an append inside a caller's transaction its chain's committed head is read back. */
const READ_BACK_MS = 1_000;

/**
 * Publishes signed checkpoints of the chains this process writes: every `intervalMs` when a head
 * moved, and once more when the process exits. Nothing is added to an append: appends only note
 * where a chain now stands. A head is published only once it is known to be committed: appends
 * outside a transaction are (they commit before they resolve); for appends inside a caller's
 * transaction the committed heads are read back from `audit.chains` about a second later, one
 * query for all of them, so that the checkpoint written at exit is at most that far behind.
 */
export class CheckpointPublisher {
  /** Heads known to be committed and not yet published. */
  private readonly committed = new Map<string, CheckpointHead>();
  /** Chains appended to inside a caller's transaction since the last interval. */
  private readonly inTransaction = new Set<string>();
  private readonly published = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readBack: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly db: Db,
    private readonly ledger: string,
    private readonly key: ChainKey,
    private readonly file: CheckpointFile,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.publish(), intervalMs);
    this.timer.unref();
    LIVE.add(this);
  }

  /** A head this process committed (an append outside a transaction). */
  committedHead(head: CheckpointHead): void {
    this.note(head);
  }

  /** A chain appended to inside a caller's transaction: its head is read back once it may have committed. */
  appendedInTransaction(chain: string): void {
    this.inTransaction.add(chain);
    if (!this.readBack && this.failures < 3) {
      this.readBack = setTimeout(() => void this.readBackHeads(), READ_BACK_MS);
      this.readBack.unref();
    }
  }

  /** Reads back heads written in transactions, then publishes every head that moved. */
  async publish(): Promise<void> {
    await this.readBackHeads();
    this.publishKnown();
  }

  private async readBackHeads(): Promise<void> {
    if (this.readBack) clearTimeout(this.readBack);
    this.readBack = null;
    if (this.inTransaction.size === 0) return;
    const chains = [...this.inTransaction];
    this.inTransaction.clear();
    try {
      const rows = await this.db.select().from(auditChains).where(inArray(auditChains.chain, chains));
      for (const row of rows) this.note({ chain: row.chain, seq: row.lastSeq, mac: row.lastHash });
      this.failures = 0;
    } catch (error) {
      for (const chain of chains) this.inTransaction.add(chain);
      // The database was closed (or is down): stop asking; what is known is still published at exit.
      if (++this.failures >= 3) clearInterval(this.timer);
      log.debug({ err: error }, 'audit checkpoint: could not read chain heads');
    }
  }

  /** Publishes what is known now, without asking the database (at exit, when nothing may wait). */
  publishKnown(): void {
    const heads = [...this.committed.values()].filter((head) => head.seq > (this.published.get(head.chain) ?? 0));
    this.committed.clear();
    if (heads.length === 0) return;
    const checkpoint = signCheckpoint(this.key, this.ledger, new Date(), heads);
    try {
      this.file.append(checkpoint);
      for (const head of heads) this.published.set(head.chain, head.seq);
    } catch (error) {
      for (const head of heads) this.note(head);
      log.error({ err: error, file: this.file.path }, 'audit checkpoint: could not write the checkpoint file');
    }
    log.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.readBack) clearTimeout(this.readBack);
    LIVE.delete(this);
  }

  private note(head: CheckpointHead): void {
    const known = this.committed.get(head.chain);
    if (head.seq > (known?.seq ?? this.published.get(head.chain) ?? 0)) this.committed.set(head.chain, head);
  }
}

const LIVE = new Set<CheckpointPublisher>();
process.once('exit', () => {
  for (const publisher of LIVE) publisher.publishKnown();
});
