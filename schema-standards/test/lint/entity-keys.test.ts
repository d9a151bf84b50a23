import { describe, expect, it } from 'vitest';
import { entityKeys } from '../../tooling/lint/rules/entity-keys.ts';
import { subgraph, violations } from './support.ts';

describe('entity-keys', () => {
  it('passes entities keyed by an ID! id, or by another ID! field when they have no id', () => {
    const sdl = subgraph('ok', `
type Patient @key(fields: "id") { id: ID!  name: String }
type CareTeamPanel @key(fields: "clinicianId") { clinicianId: ID!  patientIds: [ID!]! }`);
    expect(violations(entityKeys, sdl)).toEqual([]);
  });

  it('fails a key that is not ID!, and an entity with an id keyed by something else', () => {
    const sdl = subgraph('bad', `
type Patient @key(fields: "mrn") { id: ID!  mrn: String! }
type Device @key(fields: "id") { id: String! }`);
    expect(violations(entityKeys, sdl)).toEqual([
      'bad: Patient has an id: key it by it, @key(fields: "id")',
      'bad: Patient.mrn is a key field: make it ID!',
      'bad: Device.id is a key field: make it ID!',
    ]);
  });
});
