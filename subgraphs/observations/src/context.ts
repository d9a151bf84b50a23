import type { Db, RequestInfo } from '@caregraph/platform';
import type { ObservationRepository } from './db/observation-repository.ts';
import type { ObservationLoaders } from './loaders.ts';

export interface EntityRef {
  id: string;
  organizationId: string;
}
/** Asks the domain that owns an entity whether it exists and which organization it belongs to. */
export type Directory = (ids: readonly string[], request: RequestInfo) => Promise<Map<string, EntityRef>>;

export interface ObservationsContext {
  request: RequestInfo;
  /** For writes, which run in their own transaction. */
  db: Db;
  repository: ObservationRepository;
  loaders: ObservationLoaders;
  patients: Directory;
  devices: Directory;
}
