import DataLoader from 'dataloader';
import { groupBy, loaderByArgs, type ScopeResolver } from '@caregraph/platform';
import type { Connection } from '@caregraph/schema-standards';
import { toConnection } from '@caregraph/schema-standards';
import { VITAL_CODES } from './codes.ts';
import type { BucketWidth, ObservationRepository, TimelineCursor, TimelineFilter } from './db/observation-repository.ts';
import type { ObservationRecord } from './db/rows.ts';

export interface TimelineArgs extends TimelineFilter {
  size: number;
  after: TimelineCursor | null;
}
export interface SummaryArgs {
  code: string;
  from: Date;
  to: Date;
  bucket: BucketWidth;
}

const ALL_CODES = VITAL_CODES.map((vital) => vital.code);

/**
 * The patients whose observations a page disclosed: those on it, and the one whose row beyond
 * the page set `hasNextPage` (a `first: 0` page says that readings exist without showing any).
 */
const disclosed = new WeakMap<Connection<ObservationRecord>, string[]>();

export function patientsDisclosedBy(page: Connection<ObservationRecord>): string[] {
  return disclosed.get(page) ?? page.edges.map((edge) => edge.node.patientId);
}

function pageOf(rows: ObservationRecord[], size: number): Connection<ObservationRecord> {
  const page = toConnection(rows, size, cursorOf);
  disclosed.set(page, [...new Set(rows.map((row) => row.patientId))]);
  return page;
}
const cursorOf = (row: ObservationRecord) => [row.effectiveAt.getTime(), row.id];

/** Per-request loaders: observations of a whole page of patients or devices load in one query. */
export function createLoaders(repository: ObservationRepository, scope: ScopeResolver) {
  const observationById = new DataLoader<string, ObservationRecord | null>(async (ids) => {
    const rows = await repository.findByIds(await scope(), ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const patientTimeline = loaderByArgs<TimelineArgs, Connection<ObservationRecord>>(async (ids, args) => {
    const rows = await repository.timelines(await scope.forPatients(ids), ids, args, args.size + 1, args.after);
    return groupBy(ids, rows, (row) => row.patientId).map((page) => pageOf(page, args.size));
  });

  const deviceTimeline = loaderByArgs<TimelineArgs, Connection<ObservationRecord>>(async (ids, args) => {
    const rows = await repository.deviceTimelines(await scope(), ids, args.size + 1, args.after);
    return groupBy(ids, rows, (row) => row.deviceId!).map((page) => pageOf(page, args.size));
  });

  const latestVitals = new DataLoader<string, ObservationRecord[]>(async (ids) => {
    const rows = await repository.latestPerCode(await scope.forPatients(ids), ids, ALL_CODES);
    return groupBy(ids, rows, (row) => row.patientId);
  });

  const vitalsSummary = loaderByArgs<SummaryArgs, Awaited<ReturnType<ObservationRepository['summaries']>>>(
    async (ids, args) => {
      const buckets = await repository.summaries(await scope.forPatients(ids), ids, args.code, args.from, args.to, args.bucket);
      return groupBy(ids, buckets, (bucket) => bucket.patientId);
    },
  );

  return { observationById, patientTimeline, deviceTimeline, latestVitals, vitalsSummary };
}

export type ObservationLoaders = ReturnType<typeof createLoaders>;
