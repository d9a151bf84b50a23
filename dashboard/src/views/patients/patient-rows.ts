import type { MyPatientsQuery } from '../../gql/graphql.ts';
import { patientStatus, type PatientStatus, type ReferenceRange } from '../../vitals/status.ts';

export type PatientNode = NonNullable<MyPatientsQuery['patients']>['edges'][number]['node'];

export interface PatientRow {
  node: PatientNode;
  /** Index in the answer: where this patient's field errors are (`patients.edges.<index>.node`). */
  index: number;
  status: PatientStatus;
  offlineDevices: number;
}

export type SortKey = 'name' | 'age' | 'last' | 'status';
export type SortDirection = 'asc' | 'desc';

/** A device not heard from for the stale limit is offline; the schema has no battery level. */
function offlineDevices(node: PatientNode, staleAfterMinutes: number, now: number): number {
  return (node.devices ?? []).filter(
    (device) => device.status === 'ACTIVE' && (!device.lastSeenAt || now - Date.parse(device.lastSeenAt) > staleAfterMinutes * 60_000),
  ).length;
}

export function rowsOf(nodes: readonly PatientNode[], ranges: ReadonlyMap<string, ReferenceRange>, staleAfterMinutes: number, now = Date.now()): PatientRow[] {
  return nodes.map((node, index) => ({
    node,
    index,
    status: patientStatus(node.latestVitals ?? [], ranges, staleAfterMinutes, now),
    offlineDevices: offlineDevices(node, staleAfterMinutes, now),
  }));
}

/** Rows whose name contains the text (names are encrypted at rest: they are matched on the page shown). */
export function filterByName(rows: readonly PatientRow[], text: string): PatientRow[] {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) => row.node.name?.text.toLocaleLowerCase().includes(needle));
}

function severity(row: PatientRow): number {
  return row.status.outOfRange.length * 4 + (row.status.stale ? 2 : 0) + (row.offlineDevices > 0 ? 1 : 0);
}

const COMPARE: Record<SortKey, (a: PatientRow, b: PatientRow) => number> = {
  name: (a, b) => (a.node.name?.text ?? '').localeCompare(b.node.name?.text ?? ''),
  age: (a, b) => (a.node.ageBand ?? '').localeCompare(b.node.ageBand ?? '', 'en', { numeric: true }),
  last: (a, b) => (a.status.lastReadingAt ?? '').localeCompare(b.status.lastReadingAt ?? ''),
  status: (a, b) => severity(a) - severity(b),
};

export function sortRows(rows: readonly PatientRow[], key: SortKey | null, direction: SortDirection): PatientRow[] {
  if (!key) return [...rows];
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * COMPARE[key](a, b) || a.index - b.index);
}
