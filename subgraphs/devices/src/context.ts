import type { RequestInfo } from '@caregraph/platform';
import type { DeviceRepository } from './db/device-repository.ts';
import type { DeviceLoaders } from './loaders.ts';

/** What the devices domain needs to know about patients, asked of the patients domain. */
export interface PatientRef {
  id: string;
  organizationId: string;
}
export type PatientDirectory = (ids: readonly string[], request: RequestInfo) => Promise<Map<string, PatientRef>>;

export interface DevicesContext {
  request: RequestInfo;
  repository: DeviceRepository;
  loaders: DeviceLoaders;
  patients: PatientDirectory;
}
