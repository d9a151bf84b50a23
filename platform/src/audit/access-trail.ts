import type { AccessRecord } from './event.ts';

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
