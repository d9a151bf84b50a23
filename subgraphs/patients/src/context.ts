import type { AuditRecorder, RequestInfo } from '@caregraph/platform';
import type { PatientRepository } from './db/patient-repository.ts';
import type { PatientLoaders } from './loaders.ts';

export interface PatientsContext {
  request: RequestInfo;
  repository: PatientRepository;
  loaders: PatientLoaders;
  audit: AuditRecorder;
}
