import type { Db } from '../db/database.ts';
import type { RequestInfo } from '../request.ts';
import { AccessTrail } from './access-trail.ts';
import type { AuditLog } from './audit-log.ts';
import { circumstancesOf, type AuditAction } from './event.ts';

/** Work a repository runs inside the transaction of a write: its audit event, so both commit or neither. */
export type InTransaction<T = void> = (tx: Db, written: T) => Promise<void>;

/**
 * Collects one request's audit events in one service. Reads and refusals are merged (see
 * {@link AccessTrail}) and written in one batch when the request ends, before the answer leaves
 * (if that fails the answer is withheld). A service reached over HTTP serves one request in
 * several fetches, perhaps on several replicas: it writes with `oncePerRequest`, so the request's
 * record of each patient is still one event. Writes are appended at once, inside the caller's
 * transaction when it passes one.
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

  /**
   * Writes the reads and refusals collected so far. With `oncePerRequest`, what an earlier fetch of
   * the same request already recorded is not written again (see AuditLog.appendOncePerRequest).
   */
  async flush(options: { oncePerRequest?: boolean } = {}): Promise<void> {
    const records = this.trail.drain();
    if (records.length === 0) return;
    const circumstances = circumstancesOf(this.request);
    const entries = records.map((record) => ({ ...record, ...circumstances }));
    if (options.oncePerRequest) await this.log.appendOncePerRequest(entries);
    else await this.log.append(entries);
  }
}
