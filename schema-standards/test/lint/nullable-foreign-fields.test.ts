import { describe, expect, it } from 'vitest';
import { nullableForeignFields } from '../../tooling/lint/rules/nullable-foreign-fields.ts';
import { subgraph, violations } from './support.ts';

const patients = subgraph('patients', `
type Patient @key(fields: "id") { id: ID!  name: String! }
type Query { patient(id: ID!): Patient }`);

describe('nullable-foreign-fields', () => {
  it("passes nullable fields on another subgraph's entity, and recorded exceptions", () => {
    const devices = subgraph('devices', `
type Device { id: ID! }
type Patient @key(fields: "id") { id: ID!  devices: [Device!]  latestDevice: Device  legacyDevices: [Device!]! }`);
    const rule = nullableForeignFields({ nonNullExceptions: { 'Patient.legacyDevices': 'contract v1' } });
    expect(violations(rule, patients, devices)).toEqual([]);
  });

  it("fails a non-null field added to another subgraph's entity (the owner's own fields may be non-null)", () => {
    const devices = subgraph('devices', `
type Device { id: ID! }
type Patient @key(fields: "id") { id: ID!  devices: [Device!]! }`);
    expect(violations(nullableForeignFields(), patients, devices)).toEqual([
      'devices: Patient.devices is resolved by devices on an entity of patients: make it nullable',
    ]);
  });
});
