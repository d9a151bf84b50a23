import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InternalOperations } from '../src/host/internal-operations.ts';

const schema = buildSchema(/* GraphQL */ `
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  type Query {
    patient(id: ID!, asOf: String @inaccessible): Patient
    panel(id: ID!): Panel @inaccessible
    search(filter: Filter): [Patient!]!
  }
  type Mutation {
    erase(id: ID!): Int! @inaccessible
    note(input: NoteInput!): Int!
    internalNote(input: InternalInput!): Int! @inaccessible
  }
  type Patient { id: ID! kind: Kind secret: String @inaccessible }
  type Panel @inaccessible { ids: [ID!]! }
  union Any = Patient | Panel
  enum Kind { HUMAN ROBOT @inaccessible }
  input Filter { kind: Kind, internal: Boolean @inaccessible }
  input NoteInput { text: String! }
  input InternalInput @inaccessible { text: String! }
`);

/** A router's call may not run what its API schema does not hold, however the document is written. */
describe('InternalOperations', () => {
  const internal = new InternalOperations(schema);

  it.each([
    ['a public query', '{ patient(id: "1") { id kind } }'],
    ['a public mutation', 'mutation { note(input: { text: "x" }) }'],
    ['a public enum value and input field', '{ search(filter: { kind: HUMAN }) { id } }'],
  ])('lets %s through', (_case, query) => {
    expect(internal.touches(query)).toBe(false);
  });

  it.each([
    ['an internal field', '{ patient(id: "1") { secret } }'],
    ['an internal field under an alias', '{ patient(id: "1") { s: secret } }'],
    ['an internal field in a fragment', '{ patient(id: "1") { ...F } } fragment F on Patient { secret }'],
    ['an internal root field', '{ panel(id: "1") { ids } }'],
    ['an internal mutation among several operations', 'query A { patient(id: "1") { id } } mutation B { erase(id: "1") }'],
    ['an internal type in an inline fragment', '{ patient(id: "1") { ... on Any { ... on Panel { ids } } } }'],
    ['a variable of an internal input type', 'mutation ($i: InternalInput!) { note(input: { text: "x" }) }'],
    ['an internal argument', '{ patient(id: "1", asOf: "2024") { id } }'],
    ['an internal input field in a literal', '{ search(filter: { internal: true }) { id } }'],
    ['an internal enum value in a literal', '{ search(filter: { kind: ROBOT }) { id } }'],
    ['a document that does not parse', '{ patient(id: "1") { secret '],
  ])('refuses %s', (_case, query) => {
    expect(internal.touches(query)).toBe(true);
    // And the same again, from what it remembers.
    expect(internal.touches(query)).toBe(true);
  });
});
