import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { log } from '../log/logger.ts';
import type { ChainKey } from './chain-key.ts';
import { signAttestation, type CheckpointFile, type CheckpointHead, type LegacyAttestation } from './checkpoint-file.ts';

/**
 * Every chain with unkeyed events (`legacy_until > 0`): its cut-over, and the hash of the event
 * there (null when that event is not stored).
 */
export async function legacyChainsOf(db: Db): Promise<{ chain: string; seq: number; mac: string | null }[]> {
  const result = (await db.execute(sql`
    select c.chain, c.legacy_until as seq, e.hash as mac
      from audit.chains c left join audit.events e on e.chain = c.chain and e.seq = c.legacy_until
     where c.legacy_until > 0
     order by c.chain`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { chain: string; seq: string | number; mac: string | null }[];
  return rows.map((row) => ({ chain: row.chain, seq: Number(row.seq), mac: row.mac }));
}

/** Whether any chain holds an event sealed with the key (after its cut-over): a keyed writer has been here. */
async function holdsKeyedEvents(db: Db): Promise<boolean> {
  const result = (await db.execute(sql`select 1 from audit.chains where last_seq > legacy_until limit 1`)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length > 0;
}

/**
 * Called when a keyed writer first binds to a database (before its first append): if nothing shows
 * that a keyed writer has seen this ledger before (no attestation and no checkpoint of it in the
 * checkpoint file, no keyed event in the database), the database is as the migration left it, and
 * the writer attests the unkeyed events it finds (an empty attestation when there are none, which
 * records that there were none). Otherwise it attests nothing: a chain with unkeyed events that
 * appears later was not made by the migration. Processes starting together may each attest the
 * same chains; any one valid attestation is enough.
 */
export async function attestAtFirstSight(db: Db, ledger: string, key: ChainKey, file: CheckpointFile | null): Promise<void> {
  if (!file) {
    if ((await legacyChainsOf(db)).length > 0) log.warn('audit: no checkpoint file, so the unkeyed events of this database cannot be attested; pnpm audit:verify will report them');
    return;
  }
  const content = file.read();
  const seen = content.attestations.some((a) => a.ledger === ledger) || content.checkpoints.some((c) => c.ledger === ledger);
  if (seen) return;
  if (await holdsKeyedEvents(db)) {
    if ((await legacyChainsOf(db)).length > 0) {
      log.warn(
        { file: file.path },
        'audit: this database holds unkeyed events that no attestation in the checkpoint file names, and keyed writers have been here before; if nobody changed them, attest them once with pnpm audit:verify --attest-legacy',
      );
    }
    return;
  }
  publishAttestation(file, key, ledger, await legacyChainsOf(db));
}

/**
 * What `pnpm audit:verify --attest-legacy` does: the operator, holding the key, attests the chains
 * with unkeyed events as the database holds them now (run once, right after upgrading, before
 * anyone could change the database). Chains already attested with the same cut-over and hash are
 * not attested again. Returns the attestation written, or null when there was nothing to attest.
 */
export async function attestLegacyEvents(db: Db, ledger: string, key: ChainKey, file: CheckpointFile): Promise<LegacyAttestation | null> {
  const attested = new Set(
    file
      .read()
      .attestations.filter((a) => a.ledger === ledger)
      .flatMap((a) => a.chains.map((head) => `${head.chain}\0${head.seq}\0${head.mac}`)),
  );
  const chains = (await legacyChainsOf(db)).filter((head) => !attested.has(`${head.chain}\0${head.seq}\0${head.mac}`));
  return chains.length > 0 ? publishAttestation(file, key, ledger, chains) : null;
}

function publishAttestation(file: CheckpointFile, key: ChainKey, ledger: string, found: { chain: string; seq: number; mac: string | null }[]): LegacyAttestation {
  const missing = found.filter((head) => head.mac === null).map((head) => head.chain);
  if (missing.length > 0) log.warn({ chains: missing }, 'audit: the event at the cut-over of these chains is missing; they are not attested');
  const chains = found.filter((head): head is CheckpointHead => head.mac !== null);
  const attestation = signAttestation(key, ledger, new Date(), chains);
  file.append(attestation);
  log.info({ auditLegacyAttestation: attestation }, 'audit legacy attestation');
  return attestation;
}
