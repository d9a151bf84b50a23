import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraphConfig } from '@caregraph/platform';
import { composeSupergraph } from '../src/compose/compose.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * API contract v2 (DESIGN.md, docs/schema-changelog.md): every field partners depend on, with its
 * exact type. Every field another subgraph resolves, every field the access policy can refuse, and
 * every root field is nullable, so one failing domain or one refused field is `null` with its error
 * at its path and never nulls its parent.
 */
const CONTRACT: Record<string, string> = {
  'Patient.id': 'ID!',
  'Patient.organizationId': 'ID',
  'Patient.mrn': 'String',
  'Patient.name': 'HumanName',
  'Patient.birthDate': 'Date',
  'Patient.contact': 'ContactPoint',
  'Patient.sex': 'Sex',
  'Patient.ageBand': 'String',
  'Patient.careTeam': '[ID!]',
  'Patient.createdAt': 'DateTime',
  'Patient.devices': '[Device!]',
  'Patient.observations': 'ObservationConnection',
  'Patient.latestVitals': '[Observation!]',
  'Patient.vitalsSummary': '[ObservationBucket!]',
  'Patient.accessLog': 'AuditEventConnection',
  'HumanName.family': 'String!',
  'HumanName.given': '[String!]!',
  'HumanName.text': 'String!',
  'ContactPoint.email': 'String',
  'ContactPoint.phone': 'String',
  'Device.id': 'ID!',
  'Device.organizationId': 'ID',
  'Device.serialNumber': 'String',
  'Device.kind': 'DeviceKind',
  'Device.model': 'String',
  'Device.manufacturer': 'String',
  'Device.firmwareVersion': 'String',
  'Device.status': 'DeviceStatus',
  'Device.assignedPatient': 'Patient',
  'Device.lastSeenAt': 'DateTime',
  'Device.observations': 'ObservationConnection',
  'Observation.id': 'ID!',
  'Observation.patient': 'Patient',
  'Observation.device': 'Device',
  'Observation.code': 'String!',
  'Observation.display': 'String',
  'Observation.value': 'Float!',
  'Observation.unit': 'String!',
  'Observation.effectiveAt': 'DateTime!',
  'Observation.receivedAt': 'DateTime!',
  'Observation.status': 'ObservationStatus!',
  'Query.patient': 'Patient',
  'Query.patients': 'PatientConnection',
  'Query.device': 'Device',
  'Query.devices': 'DeviceConnection',
  'Query.observation': 'Observation',
  'Query.vitalSignCodes': '[VitalSignCode!]',
  'Query.auditEvents': 'AuditEventConnection',
  'Mutation.createPatient': 'Patient',
  'Mutation.updatePatient': 'Patient',
  'Mutation.addCareTeamMember': 'Patient',
  'Mutation.registerDevice': 'Device',
  'Mutation.assignDevice': 'Device',
  'Mutation.unassignDevice': 'Device',
  'Mutation.recordObservations': 'RecordObservationsPayload',
  'Mutation.erasePatient': 'ErasePatientPayload',
};

const ARGUMENTS: Record<string, string[]> = {
  'Query.patient': ['id: ID!'],
  // filter: added for blind-index lookups (issue 4); its input type renamed to PatientFilterInput in v2.
  'Query.patients': ['first: Int', 'after: String', 'filter: PatientFilterInput'],
  'Patient.observations': ['code: String', 'from: DateTime', 'to: DateTime', 'first: Int', 'after: String'],
  'Patient.vitalsSummary': ['code: String!', 'from: DateTime!', 'to: DateTime!', 'bucket: TimeBucket!'],
  'Device.observations': ['first: Int', 'after: String'],
  'Mutation.createPatient': ['input: CreatePatientInput!'],
  'Mutation.updatePatient': ['id: ID!', 'input: UpdatePatientInput!'],
  'Mutation.addCareTeamMember': ['patientId: ID!', 'clinicianId: ID!'],
  'Mutation.registerDevice': ['input: RegisterDeviceInput!'],
  'Mutation.assignDevice': ['deviceId: ID!', 'patientId: ID!'],
  'Mutation.unassignDevice': ['deviceId: ID!'],
  'Mutation.recordObservations': ['input: [ObservationInput!]!'],
};

function fieldOf(schema: GraphQLSchema, path: string) {
  const [typeName, fieldName] = path.split('.') as [string, string];
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

describe.each(['supergraph.yaml', 'supergraph.distributed.yaml'])('%s', (configFile) => {
  const config = readSupergraphConfig(resolve(ROOT, configFile));
  const outcome = composeSupergraph(config);

  it('composes without errors or forbidden hints, into the committed supergraph SDL', () => {
    expect(outcome.errors).toEqual([]);
    expect(outcome.forbiddenHints).toEqual([]);
    expect(readFileSync(config.supergraphSdlPath, 'utf8')).toBe(outcome.supergraphSdl);
  });

  it('exposes API contract v2 with the exact field and argument types', () => {
    const schema = buildSchema(outcome.supergraphSdl!, { assumeValidSDL: true });
    for (const [path, type] of Object.entries(CONTRACT)) {
      expect(String(fieldOf(schema, path)?.type), path).toBe(type);
    }
    for (const [path, args] of Object.entries(ARGUMENTS)) {
      expect(fieldOf(schema, path)?.args.map((arg) => `${arg.name}: ${String(arg.type)}`), path).toEqual(args);
    }
  });
});

describe('the distributed supergraph', () => {
  it('names only real HTTP URLs, so other Federation 2 routers load it unchanged', () => {
    const sdl = readFileSync(resolve(ROOT, 'supergraph.distributed.graphql'), 'utf8');
    const urls = [...sdl.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g)].map((m) => m[2]);
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(url).toMatch(/^https?:\/\//);
  });
});
