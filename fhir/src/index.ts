export * from './systems.ts';
export * from './vital-signs.ts';
export * from './mapping/patient.ts';
export * from './mapping/observation.ts';
export * from './mapping/device.ts';
export * from './mapping/operation-outcome.ts';
export * from './mapping/redaction.ts';
export * from './http/fhir-handler.ts';
export * from './http/graph.ts';
export * from './http/capability-statement.ts';
/** The FHIR R4 resource types the face produces (Medplum's typings of the spec), for its callers and tests. */
export type { CapabilityStatement, Device, Observation, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
