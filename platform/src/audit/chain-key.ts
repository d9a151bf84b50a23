import { createHmac } from 'node:crypto';
import { canonicalEvent, type SealedAuditEvent } from './event.ts';

/**
 * The key that seals one database's audit trail: HMAC-SHA-256, derived from the audit chain key
 * (held by the KeyProvider's side, never in the database) and the database's ledger id. Whoever
 * controls the database but not the key can neither forge an event's MAC nor recompute the chain
 * after changing one; binding the ledger id means events or checkpoints copied from another
 * database, or a ledger id rewritten in place, do not verify either.
 */
export class ChainKey {
  private constructor(private readonly key: Buffer) {}

  static derive(auditChainKey: Buffer, ledgerId: string): ChainKey {
    return new ChainKey(createHmac('sha256', auditChainKey).update(`caregraph audit chain v1\0${ledgerId}`).digest());
  }

  /** An event's MAC: over every field and the link to the event before it. */
  readonly event = (event: Omit<SealedAuditEvent, 'hash'>): string =>
    createHmac('sha256', this.key).update('event\0').update(canonicalEvent(event)).digest('hex');

  /** A published checkpoint's MAC, over its canonical body. */
  checkpoint(body: string): string {
    return createHmac('sha256', this.key).update('checkpoint\0').update(body).digest('hex');
  }
}
