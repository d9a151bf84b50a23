import type { Db } from '../db/database.ts';
import type { RequestInfo } from '../request.ts';
import { AccessTrail } from './access-trail.ts';
import type { AuditLog } from './audit-log.ts';
import { circumstancesOf, type AccessRecord, type AuditAction } from './event.ts';

/** Work a repository runs inside the transaction of a write: its audit event, so both commit or neither. */
export type InTransaction<T = void> = (tx: Db, written: T) => Promise<void>;

/**
 * Collects one request's audit events in one service. Reads and refusals are merged (see
 * {@link AccessTrail}) and leave when the request ends: written in one batch (`flush`, before the
 * answer leaves; if it fails the answer is withheld), or handed to the router (`drain`), which
 * records the whole request's accesses across subgraphs as one batch. Writes are appended at
 * once, inside the caller's transaction when it passes one.
 */
export class AuditRecorder {
  private readonly trail = new AccessTrail();

  constructor(
    private readonly log: AuditLog,
    private readonly request: RequestInfo,
  ) {}

  read(resourceType: string, patientId: string | null, resourceId: string | null, fields: string[]): void {
    this.trail.add({ action: 'read', outcome: 'success', resourceType, resourceId, patientId, fields });
  }

  denied(resourceType: string, fields: string[]): void {
    this.trail.add({ action: 'deny', outcome: 'denied', resourceType, resourceId: null, patientId: null, fields });
  }

  async write(action: AuditAction, resourceType: string, resourceId: string | null, patientId: string | null, fields: string[], tx?: Db): Promise<void> {
    await this.log.append([{ action, outcome: 'success', resourceType, resourceId, patientId, fields, ...circumstancesOf(this.request) }], tx);
  }

  /** One write event per patient of a batch, appended together (one insert, one chain-head lock). */
  async writeEach(action: AuditAction, resourceType: string, patientIds: readonly string[], fields: string[], tx?: Db): Promise<void> {
    const circumstances = circumstancesOf(this.request);
    await this.log.append(
      patientIds.map((patientId) => ({ action, outcome: 'success' as const, resourceType, resourceId: null, patientId, fields, ...circumstances })),
      tx,
    );
  }

  /** Writes the reads and refusals collected so far. */
  async flush(): Promise<void> {
    const records = this.trail.drain();
    if (records.length === 0) return;
    const circumstances = circumstancesOf(this.request);
    await this.log.append(records.map((record) => ({ ...record, ...circumstances })));
  }

  /** Hands over the reads and refusals collected so far, for the router to record. */
  drain(): AccessRecord[] {
    return this.trail.drain();
  }
}
