import type { AuditRecorder, RequestInfo, SubgraphTransport } from '@caregraph/platform';
import type { PatientRepository } from './db/patient-repository.ts';
import type { PatientLoaders } from './loaders.ts';

export interface PatientsContext {
  request: RequestInfo;
  repository: PatientRepository;
  loaders: PatientLoaders;
  audit: AuditRecorder;
  /** The domains that hold a patient's other data, for erasure. */
  peers: { observations: SubgraphTransport; devices: SubgraphTransport };
}
