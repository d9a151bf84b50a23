import { describe, expect, it } from 'vitest';
import { phiOnIdentifiers } from '../../tooling/lint/rules/phi-on-identifiers.ts';
import { subgraph, violations } from './support.ts';

const PHI = 'directive @phi on FIELD_DEFINITION';

describe('phi-on-identifiers', () => {
  it('passes identifiers marked @phi, and the fields of values only reachable through @phi fields', () => {
    const sdl = subgraph('ok', `${PHI}
type Patient @key(fields: "id") {
  id: ID!
  mrn: String @phi
  name: HumanName @phi
  birthDate: String @phi
  contact: ContactPoint @phi
  ageBand: String
}
type HumanName { text: String! }
type ContactPoint { email: String  phone: String  address: String }
input CreatePatientInput { name: String!  email: String }`);
    expect(violations(phiOnIdentifiers, sdl)).toEqual([]);
  });

  it('fails identifiers without @phi, also inside a value that some field exposes unmarked', () => {
    const sdl = subgraph('bad', `${PHI}
type Patient @key(fields: "id") {
  id: ID!
  mrn: String
  birthDate: String
  contact: ContactPoint @phi
  emergencyContact: ContactPoint
}
type ContactPoint { email: String  address: String }`);
    expect(violations(phiOnIdentifiers, sdl)).toEqual([
      'bad: Patient.mrn looks like a direct identifier: mark it @phi (and give it the PHI access rule)',
      'bad: Patient.birthDate looks like a direct identifier: mark it @phi (and give it the PHI access rule)',
      'bad: ContactPoint.email looks like a direct identifier: mark it @phi (and give it the PHI access rule)',
      'bad: ContactPoint.address looks like a direct identifier: mark it @phi (and give it the PHI access rule)',
    ]);
  });
});
