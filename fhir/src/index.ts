export * from './systems.ts';
export * from './vital-signs.ts';
export * from './mapping/patient.ts';
export * from './mapping/observation.ts';
export * from './mapping/device.ts';
export * from './mapping/operation-outcome.ts';
export * from './mapping/redaction.ts';
