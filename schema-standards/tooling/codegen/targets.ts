/** One subgraph's generated resolver types: where they go and which of its own types they use. */
export interface ResolverTypesTarget {
  subgraph: string;
  /** The generated file, relative to the repository root. */
  output: string;
  /** `path#Type`, relative to the generated file: the subgraph's per-request context. */
  contextType: string;
  /** GraphQL type → `path#Type` of the record its resolvers receive as parent (see the repositories). */
  mappers: Record<string, string>;
}

const output = (subgraph: string) => `subgraphs/${subgraph}/src/generated/resolvers-types.ts`;

export const RESOLVER_TYPES_TARGETS: ResolverTypesTarget[] = [
  {
    subgraph: 'patients',
    output: output('patients'),
    contextType: '../context.ts#PatientsContext',
    mappers: { Patient: '../db/patient-repository.ts#PatientRecord' },
  },
  {
    subgraph: 'devices',
    output: output('devices'),
    contextType: '../context.ts#DevicesContext',
    // Patient here is a reference: devices knows only its id; the patients subgraph resolves the rest.
    mappers: { Device: '../db/device-repository.ts#DeviceRecord', Patient: '{ id: string }' },
  },
  {
    subgraph: 'observations',
    output: output('observations'),
    contextType: '../context.ts#ObservationsContext',
    // Patient and Device here are references: observations knows only their ids.
    mappers: { Observation: '../db/rows.ts#ObservationRecord', Patient: '{ id: string }', Device: '{ id: string }' },
  },
  { subgraph: 'audit', output: output('audit'), contextType: '../resolvers.ts#AuditContext', mappers: {} },
];

/** The consumers' types for the whole API (the router's schema), in their own package. */
export const CLIENT_TYPES_OUTPUT = 'clients/api-types/src/api.generated.ts';

/** How the standard's scalars look in TypeScript, for resolvers (what they may return) and clients (JSON). */
export const RESOLVER_SCALARS = {
  DateTime: { input: 'Date', output: 'Date | string' },
  Date: 'string',
  JSON: 'unknown',
};
export const CLIENT_SCALARS = { DateTime: 'string', Date: 'string', JSON: 'unknown' };
