import type { AuditRecorder, RequestInfo, ScopeResolver } from '@caregraph/platform';
import type { DeviceRepository } from './db/device-repository.ts';
import type { DeviceLoaders } from './loaders.ts';

/** A patient the caller can reach, as the patients domain reports it. */
export interface PatientRef {
  id: string;
}
export type PatientDirectory = (ids: readonly string[], request: RequestInfo) => Promise<Map<string, PatientRef>>;

export interface DevicesContext {
  request: RequestInfo;
  repository: DeviceRepository;
  loaders: DeviceLoaders;
  /** The viewer's device scope, resolved once per request. */
  scope: ScopeResolver;
  patients: PatientDirectory;
  audit: AuditRecorder;
}
