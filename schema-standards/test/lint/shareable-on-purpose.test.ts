import { describe, expect, it } from 'vitest';
import { shareableOnPurpose } from '../../tooling/lint/rules/shareable-on-purpose.ts';
import { subgraph, violations } from './support.ts';

describe('shareable-on-purpose', () => {
  it('passes key fields, @shareable fields in every subgraph, and the standard value types', () => {
    const patients = subgraph('patients', `
type Patient @key(fields: "id") { id: ID!  name: String }
type Coding @shareable { code: String!  system: String! }
type PageInfo @shareable { hasNextPage: Boolean!  endCursor: String }`);
    const devices = subgraph('devices', `
type Patient @key(fields: "id") { id: ID!  devices: [String!]! }
type Coding @shareable { code: String!  system: String! }`);
    expect(violations(shareableOnPurpose, patients, devices)).toEqual([]);
  });

  it('fails a field two subgraphs define without marking it, and @shareable that shares nothing', () => {
    const patients = subgraph('patients', `
type Patient @key(fields: "id") { id: ID!  organizationId: ID! }
type Coding @shareable { code: String! }
type Address @shareable { city: String  country: String }`);
    const devices = subgraph('devices', `
type Patient @key(fields: "id") { id: ID!  organizationId: ID!  devices: [String!]! @shareable }
type Coding { code: String! }`);
    expect(violations(shareableOnPurpose, patients, devices)).toEqual([
      'devices: Patient.organizationId is defined by patients, devices: define it in one subgraph, or mark it @shareable in each on purpose',
      'devices: Patient.devices is @shareable but only devices defines it: remove @shareable',
      'devices: Coding.code is defined by patients, devices: define it in one subgraph, or mark it @shareable in each on purpose',
      'patients: Patient.organizationId is defined by patients, devices: define it in one subgraph, or mark it @shareable in each on purpose',
      'patients: Address is @shareable but no other subgraph defines its fields: remove @shareable',
    ]);
  });
});
