import type { Db } from '../db/database.ts';
import type { RequestInfo } from '../request.ts';
import type { AuditLog } from './audit-log.ts';
import type { AuditAction, AuditEntry } from './event.ts';

/** Work a repository runs inside the transaction of a write: its audit event, so both commit or neither. */
export type InTransaction<T = void> = (tx: Db, written: T) => Promise<void>;

/**
 * Collects one request's audit events in one service. Reads are merged into one event per
 * (resource type, patient) listing every field read, and written in one batch when the request
 * ends (`flush`, before the response leaves; if it fails the response is withheld). Writes are
 * appended at once, inside the caller's transaction when it passes one.
 */
export class AuditRecorder {
  private readonly pending = new Map<string, AuditEntry>();

  constructor(
    private readonly log: AuditLog,
    private readonly request: RequestInfo,
  ) {}

  read(resourceType: string, patientId: string | null, resourceId: string | null, fields: string[]): void {
    const key = `${resourceType}|${patientId ?? resourceId}`;
    const existing = this.pending.get(key);
    if (existing) {
      for (const field of fields) if (!existing.fields.includes(field)) existing.fields.push(field);
      return;
    }
    this.pending.set(key, this.entry('read', 'success', resourceType, resourceId, patientId, [...fields]));
  }

  denied(resourceType: string, fields: string[]): void {
    const key = `deny|${resourceType}|${fields.join(',')}`;
    if (!this.pending.has(key)) this.pending.set(key, this.entry('deny', 'denied', resourceType, null, null, fields));
  }

  async write(action: AuditAction, resourceType: string, resourceId: string | null, patientId: string | null, fields: string[], tx?: Db): Promise<void> {
    await this.log.append([this.entry(action, 'success', resourceType, resourceId, patientId, fields)], tx);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.pending.clear();
    await this.log.append(entries);
  }

  private entry(
    action: AuditAction,
    outcome: AuditEntry['outcome'],
    resourceType: string,
    resourceId: string | null,
    patientId: string | null,
    fields: string[],
  ): AuditEntry {
    const viewer = this.request.viewer;
    return {
      action,
      outcome,
      resourceType,
      resourceId,
      patientId,
      fields,
      actor: { sub: viewer?.sub ?? null, role: viewer?.role ?? null, organizationId: viewer?.organizationId ?? null, clientId: viewer?.clientId ?? null },
      requestId: this.request.requestId,
      traceId: null,
      sourceAddress: this.request.client?.address ?? null,
      userAgent: this.request.client?.userAgent ?? null,
    };
  }
}
