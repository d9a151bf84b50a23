import { expect } from 'vitest';
import type { AuditRow } from '../support/audit-trail.ts';
import type { AuditedRead, Outcome } from './operations.ts';

export interface AuditedCell {
  outcome: Outcome | string;
  /** The read events the operation leaves when it returns data. */
  reads: AuditedRead[];
  /** Who the events must name: the caller's verified subject, null for an anonymous caller. */
  actorSub: string | null;
  /** Values that must never appear in the trail. */
  phi: string[];
}

const keyOf = (e: AuditRow) => `${e.action}|${e.outcome}|${e.resource_type}|${e.patient_id ?? e.resource_id ?? ''}`;
const sorted = (reads: AuditedRead[]) => [...reads].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));

/**
 * What one request of the access matrix must have left in the audit trail: every access once
 * (one event per patient and resource type, none twice), the reads that returned data and only
 * those, a refusal for every refused request, the verified caller, and no PHI values.
 */
export function expectAuditedOnce(events: AuditRow[], cell: AuditedCell): void {
  const keys = events.map(keyOf);
  expect(keys.filter((key, i) => keys.indexOf(key) !== i), 'accesses recorded more than once').toEqual([]);
  for (const event of events) expect(event.actor_sub).toBe(cell.actorSub);
  const trail = JSON.stringify(events);
  for (const value of cell.phi) expect(trail).not.toContain(value);

  const reads = sorted(events.filter((e) => e.action === 'read').map((e): AuditedRead => [e.resource_type, e.patient_id]));
  const denials = events.filter((e) => e.action === 'deny');
  switch (cell.outcome) {
    case 'unauth':
    case 'mfa':
      expect(events.map((e) => [e.action, e.outcome, e.resource_type, e.fields])).toEqual([
        ['deny', 'denied', 'Request', [cell.outcome === 'mfa' ? 'MFA_REQUIRED' : 'UNAUTHENTICATED']],
      ]);
      return;
    case 'ok':
    case 'present':
      expect(reads).toEqual(sorted(cell.reads));
      expect(denials).toEqual([]);
      return;
    case 'forbidden':
      // What was served before the refused field is recorded; the refusal is recorded too.
      for (const read of reads) expect(cell.reads).toContainEqual(read);
      expect(denials.length, 'a refusal without a deny event').toBeGreaterThan(0);
      return;
    default:
      // Out of reach, missing or empty: nothing of the patient was served, so nothing was read.
      expect(reads).toEqual([]);
  }
}
