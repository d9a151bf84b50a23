import type { AuditRecorder, Db, RequestInfo, ScopeResolver } from '@caregraph/platform';
import type { ObservationRepository } from './db/observation-repository.ts';
import type { DevicesSeen } from './devices-seen.ts';
import type { ObservationLoaders } from './loaders.ts';

/** A patient or device the caller can reach, as its owning domain reports it. */
export interface EntityRef {
  id: string;
  /** Devices only: the patient the device is assigned to now (visible to device principals). */
  assignedPatient?: { id: string } | null;
}
/** Asks the domain that owns an entity which of the ids exist within the caller's reach. */
export type Directory = (ids: readonly string[], request: RequestInfo) => Promise<Map<string, EntityRef>>;

export interface ObservationsContext {
  request: RequestInfo;
  /** For writes, which run in their own transaction. */
  db: Db;
  repository: ObservationRepository;
  loaders: ObservationLoaders;
  /** The viewer's observation scope, resolved once per request. */
  scope: ScopeResolver;
  patients: Directory;
  devices: Directory;
  /** Moves the devices' `lastSeenAt` after an ingested batch (best effort). */
  devicesSeen: DevicesSeen;
  audit: AuditRecorder;
}
