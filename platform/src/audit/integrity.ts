import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/database.ts';
import { LocalKeyFile } from '../crypto/local-key-file.ts';
import { ChainKey } from './chain-key.ts';
import { CheckpointFile } from './checkpoint-file.ts';
import { CheckpointPublisher } from './checkpoint-publisher.ts';
import { attestAtFirstSight } from './legacy-attestation.ts';
import { log } from '../log/logger.ts';
import { auditLedger } from './schema.ts';

/** How often a process publishes a checkpoint of the chains it moved (`pnpm audit:verify` detects a tail removed before the last one). */
export const CHECKPOINT_INTERVAL_MS = 10_000;

export interface AuditIntegrityOptions {
  /** The append-only file checkpoints are published to; null publishes none. Default: `audit-checkpoints.jsonl` beside the key file. */
  checkpointsFile?: string | null;
  /** Default {@link CHECKPOINT_INTERVAL_MS}. */
  checkpointIntervalMs?: number;
}

/** One database's ledger as a writer or verifier sees it: its id, the key derived for it, its checkpoints. */
export interface LedgerBinding {
  id: string;
  key: ChainKey;
  publisher: CheckpointPublisher | null;
}

/**
 * What makes the audit trail tamper-evident against whoever controls the database: the audit
 * chain key (from the key file or a secret store, never in the database) and where signed
 * checkpoints of the chain heads are published. One per process and key; writers and
 * `pnpm audit:verify` build it from the same configuration.
 */
export class AuditIntegrity {
  readonly checkpoints: CheckpointFile | null;
  private readonly intervalMs: number;
  private readonly ledgers = new WeakMap<Db, Promise<LedgerBinding>>();

  constructor(
    private readonly auditChainKey: Buffer,
    options: AuditIntegrityOptions = {},
  ) {
    this.checkpoints = options.checkpointsFile ? new CheckpointFile(options.checkpointsFile) : null;
    this.intervalMs = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
  }

  /**
   * The ledger of a database, read once (`via` runs the queries: the caller's transaction on the
   * first append inside one). A database without a ledger row refuses appends (fail closed). On
   * this first sight, before the first append, the unkeyed events of a freshly migrated database
   * are attested (see {@link attestAtFirstSight}); later appends run no more queries than before.
   */
  ledger(db: Db, via: Db = db): Promise<LedgerBinding> {
    let binding = this.ledgers.get(db);
    if (!binding) {
      binding = readLedgerId(via).then(async (id) => {
        if (!id) throw new Error('audit.ledger has no row: apply the audit migrations (pnpm db:migrate)');
        const key = this.keyFor(id);
        try {
          await attestAtFirstSight(via, id, key, this.checkpoints);
        } catch (error) {
          // Not fatal to appends: verify then reports the unkeyed events as not attested.
          log.error({ err: error, file: this.checkpoints?.path }, 'audit: could not attest the unkeyed events of this database');
        }
        const publisher = this.checkpoints ? new CheckpointPublisher(db, id, key, this.checkpoints, this.intervalMs) : null;
        return { id, key, publisher };
      });
      binding.catch(() => this.ledgers.delete(db));
      this.ledgers.set(db, binding);
    }
    return binding;
  }

  keyFor(ledgerId: string): ChainKey {
    return ChainKey.derive(this.auditChainKey, ledgerId);
  }
}

/** The ledger id; null when `audit.ledger` does not hold exactly one row. */
export async function readLedgerId(db: Db): Promise<string | null> {
  try {
    const rows = await db.select({ id: auditLedger.id }).from(auditLedger).limit(2);
    return rows.length === 1 ? rows[0]!.id : null;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === '42P01') throw new Error('audit.ledger does not exist: this database predates the keyed audit chain; apply the audit migrations (pnpm db:migrate)');
    throw error;
  }
}

/** The default checkpoint file for a key file: beside it, in the same custody. */
export function defaultCheckpointsFile(keysFile: string): string {
  return join(dirname(resolve(keysFile)), 'audit-checkpoints.jsonl');
}

const BY_KEY_FILE = new Map<string, AuditIntegrity>();

/**
 * Audit integrity from the local key file (`KEYS_FILE`; its `auditChainKey` is added to an older
 * file on first use), one per key file and process. With a KMS or a secret store, construct
 * {@link AuditIntegrity} with the chain key from there and bind it with {@link bindAuditIntegrity}.
 */
export function auditIntegrityFrom(config: { keysFile: string; auditCheckpointsFile?: string | null | undefined }): AuditIntegrity {
  const keysFile = resolve(config.keysFile);
  const checkpointsFile = config.auditCheckpointsFile === undefined ? defaultCheckpointsFile(keysFile) : config.auditCheckpointsFile;
  const cacheKey = `${keysFile}\0${checkpointsFile ?? ''}`;
  let integrity = BY_KEY_FILE.get(cacheKey);
  if (!integrity) {
    integrity = new AuditIntegrity(new LocalKeyFile(keysFile).auditChainKey, { checkpointsFile });
    BY_KEY_FILE.set(cacheKey, integrity);
  }
  return integrity;
}

const BOUND = new WeakMap<Db, AuditIntegrity>();

/** Makes `integrity` the one every AuditLog (and verification) on this database uses unless given another. */
export function bindAuditIntegrity(db: Db, integrity: AuditIntegrity): void {
  BOUND.set(db, integrity);
}

/**
 * The integrity an AuditLog on `db` uses when none is passed: the one bound to the database by its
 * host (prepareDatabase binds the configured key file), else the key file `KEYS_FILE` names
 * (default `.data/keys.json`, as the service configuration reads it) for code that builds
 * subgraphs without a host (tests, benchmarks).
 */
export function auditIntegrityOf(db: Db): AuditIntegrity {
  return BOUND.get(db) ?? auditIntegrityFrom({ keysFile: process.env.KEYS_FILE || '.data/keys.json', auditCheckpointsFile: process.env.AUDIT_CHECKPOINTS_FILE || undefined });
}
