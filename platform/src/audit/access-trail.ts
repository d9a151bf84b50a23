import type { AccessRecord, AuditAction, AuditOutcome } from './event.ts';

const ACTIONS: ReadonlySet<string> = new Set<AuditAction>(['create', 'read', 'update', 'delete', 'export', 'deny']);
const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(['success', 'denied', 'failure']);

/**
 * The access records of one request, merged so each (action, outcome, resource type, patient or
 * record) is one event listing every field touched, however many resolvers, fetches or subgraphs
 * reached it. A refusal is one event per resource type, listing the fields refused.
 */
export class AccessTrail {
  private readonly records = new Map<string, AccessRecord>();

  add(record: AccessRecord): void {
    const key = [record.action, record.outcome, record.resourceType, record.patientId ?? record.resourceId ?? ''].join('|');
    const existing = this.records.get(key);
    if (!existing) {
      this.records.set(key, { ...record, fields: [...new Set(record.fields)] });
      return;
    }
    for (const field of record.fields) if (!existing.fields.includes(field)) existing.fields.push(field);
  }

  addAll(records: Iterable<AccessRecord>): void {
    for (const record of records) this.add(record);
  }

  get size(): number {
    return this.records.size;
  }

  /** Everything collected so far; the trail is empty afterwards. */
  drain(): AccessRecord[] {
    const records = [...this.records.values()];
    this.records.clear();
    return records;
  }
}

/**
 * Reads access records another service sent (a subgraph's answer to the router). Anything
 * malformed throws: an access that cannot be recorded must not be served.
 */
export function parseAccessRecords(value: unknown): AccessRecord[] {
  if (!Array.isArray(value)) throw new Error('access records must be a list');
  return value.map((item: unknown) => {
    const record = item as Partial<Record<keyof AccessRecord, unknown>> | null;
    const optionalString = (v: unknown) => v === null || v === undefined || typeof v === 'string';
    if (
      !record ||
      !ACTIONS.has(record.action as string) ||
      !OUTCOMES.has(record.outcome as string) ||
      typeof record.resourceType !== 'string' ||
      !optionalString(record.resourceId) ||
      !optionalString(record.patientId) ||
      !Array.isArray(record.fields) ||
      !record.fields.every((field) => typeof field === 'string')
    ) {
      throw new Error('malformed access record');
    }
    return {
      action: record.action as AuditAction,
      outcome: record.outcome as AuditOutcome,
      resourceType: record.resourceType,
      resourceId: (record.resourceId as string | null | undefined) ?? null,
      patientId: (record.patientId as string | null | undefined) ?? null,
      fields: record.fields as string[],
    };
  });
}

/** The key under which a subgraph hands its access records to the router, in its answer's `extensions`. */
export const ACCESS_RECORDS_EXTENSION = 'caregraphAccess';
