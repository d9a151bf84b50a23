import { describe, expect, it } from 'vitest';
import { nullableForeignFields } from '../../tooling/lint/rules/nullable-foreign-fields.ts';
import { subgraph, violations } from './support.ts';

const patients = subgraph('patients', `
type Patient @key(fields: "id") { id: ID!  name: String! }
type Query { patient(id: ID!): Patient }`);

describe('nullable-foreign-fields', () => {
  it("passes nullable fields on another subgraph's entity, nullable references and nullable root fields", () => {
    const devices = subgraph('devices', `
type Device @key(fields: "id") { id: ID!  kind: String!  assignedPatient: Patient }
type Patient @key(fields: "id") { id: ID!  devices: [Device!]  latestDevice: Device }
type Query { device(id: ID!): Device  devices: [Device!] }
type Mutation { forget(id: ID!): Int! @inaccessible }`);
    expect(violations(nullableForeignFields, patients, devices)).toEqual([]);
  });

  it("fails a non-null field added to another subgraph's entity (the owner's own fields may be non-null)", () => {
    const devices = subgraph('devices', `
type Device { id: ID! }
type Patient @key(fields: "id") { id: ID!  devices: [Device!]! }`);
    expect(violations(nullableForeignFields, patients, devices)).toEqual([
      'devices: Patient.devices is resolved by devices on an entity of patients: make it nullable',
    ]);
  });

  it("fails a non-null reference to another subgraph's entity, and non-null root fields", () => {
    const observations = subgraph('observations', `
type Patient @key(fields: "id", resolvable: false) { id: ID! }
type Observation @key(fields: "id") { id: ID!  patient: Patient! }
type Query { observations: [Observation!]! }
type Mutation { record(value: Float!): Observation! }`);
    expect(violations(nullableForeignFields, patients, observations)).toEqual([
      'observations: Observation.patient returns an entity of patients: make it nullable',
      'observations: Query.observations is a root field: make it nullable, so another domain\'s failure does not blank the answer',
      'observations: Mutation.record is a root field: make it nullable, so another domain\'s failure does not blank the answer',
    ]);
  });
});
