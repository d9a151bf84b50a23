import type { AuditRecorder, Db, RequestInfo, ScopeResolver } from '@caregraph/platform';
import type { ObservationRepository } from './db/observation-repository.ts';
import type { DevicesSeen } from './devices-seen.ts';
import type { IngestionPolicy } from './ingestion-policy.ts';
import type { ObservationLoaders } from './loaders.ts';

/** A patient the caller can reach, as the patients domain reports it. */
export interface EntityRef {
  id: string;
}

/** A device the caller can reach, with what ingestion checks a reading against. */
export interface DeviceRef {
  id: string;
  /** Its DeviceKind: what it can measure. */
  ingestionKind: string;
  /** Its assignments overlapping the batch's time range (instants as ISO strings). */
  assignmentsDuring: { patientId: string; assignedAt: string; unassignedAt: string | null }[];
}

/** Asks the domain that owns an entity which of the ids exist within the caller's reach. */
export type Directory = (ids: readonly string[], request: RequestInfo) => Promise<Map<string, EntityRef>>;
/** Asks the devices domain for the reachable devices among `ids`, with their assignments over `range`. */
export type DeviceDirectory = (ids: readonly string[], request: RequestInfo, range: { from: Date; to: Date }) => Promise<Map<string, DeviceRef>>;

export interface ObservationsContext {
  request: RequestInfo;
  /** For writes, which run in their own transaction. */
  db: Db;
  repository: ObservationRepository;
  loaders: ObservationLoaders;
  /** The viewer's observation scope, resolved once per request. */
  scope: ScopeResolver;
  patients: Directory;
  devices: DeviceDirectory;
  /** Moves the devices' `lastSeenAt` after an ingested batch (best effort). */
  devicesSeen: DevicesSeen;
  audit: AuditRecorder;
  ingestion: IngestionPolicy;
}
