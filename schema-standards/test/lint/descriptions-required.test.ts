import { describe, expect, it } from 'vitest';
import { descriptionsRequired } from '../../tooling/lint/rules/descriptions-required.ts';
import { subgraph, violations } from './support.ts';

describe('descriptions-required', () => {
  it('passes a schema that describes every type, field, argument and enum value', () => {
    const sdl = subgraph('ok', `
"A device."
type Device @key(fields: "id") {
  "Its id."
  id: ID!
  "Its status."
  status: Status!
}
"Statuses."
enum Status {
  "In service."
  ACTIVE
}
type Query {
  "One device."
  device("Its id." id: ID!): Device
}`);
    expect(violations(descriptionsRequired, sdl)).toEqual([]);
  });

  it('fails each undescribed type, field, argument and enum value (root types need none)', () => {
    const sdl = subgraph('bad', `
type Device @key(fields: "id") {
  id: ID!
  "Its status."
  status: Status!
}
"Statuses."
enum Status {
  ACTIVE
}
type Query {
  device(id: ID!): Device
}`);
    expect(violations(descriptionsRequired, sdl)).toEqual([
      'bad: Description is required for type "Device"',
      'bad: Description is required for field "id" in type "Device"',
      'bad: Description is required for enum value "ACTIVE" in enum "Status"',
      'bad: Description is required for field "device" in type "Query"',
      'bad: Description is required for input value "id" in field "device"',
    ]);
  });
});
