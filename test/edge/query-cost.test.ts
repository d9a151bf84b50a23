import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost, UNPAGED_LIST_SIZE } from '@caregraph/router/edge/query-cost';

const schema = buildSchema(`
  type Query { patients(first: Int, after: String): PatientConnection!  patient(id: ID!): Patient }
  type PatientConnection { edges: [PatientEdge!]!  pageInfo: PageInfo! }
  type PatientEdge { node: Patient!  cursor: String! }
  type PageInfo { hasNextPage: Boolean!  endCursor: String }
  type Patient { id: ID!  name: String  devices: [Device!]!  careTeam: [ID!]! }
  type Device { id: ID!  kind: String }
`);

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
}

describe('operation cost', () => {
  it('counts each field once, __typename not at all', () => {
    expect(cost('{ patient(id: "p") { id name careTeam __typename } }')).toBe(1 + 3);
  });

  it('repeats what is inside a page as often as `first` says, literal or variable, and pageInfo once', () => {
    const page = (n: string) => `{ patients(first: ${n}) { edges { node { id name } } pageInfo { hasNextPage } } }`;
    // patients 1 + edges (1 + n × (node 1 + 2)) + pageInfo (1 + 1)
    expect(cost(page('10'))).toBe(1 + (1 + 10 * 3) + 2);
    expect(cost(page('100'))).toBe(1 + (1 + 100 * 3) + 2);
    expect(cost('query ($n: Int) { patients(first: $n) { edges { node { id name } } pageInfo { hasNextPage } } }', { n: 100 })).toBe(cost(page('100')));
    expect(cost('query ($n: Int = 100) { patients(first: $n) { edges { node { id name } } pageInfo { hasNextPage } } }')).toBe(cost(page('100')));
  });

  it('assumes the default page size when `first` is not given', () => {
    expect(cost('{ patients { edges { node { id } } } }')).toBe(cost('{ patients(first: 20) { edges { node { id } } } }'));
  });

  it('multiplies through nesting, and counts unpaged lists of objects as ten', () => {
    expect(cost('{ patient(id: "p") { devices { id kind } } }')).toBe(1 + 1 + UNPAGED_LIST_SIZE * 2);
    const nested = cost('{ patients(first: 100) { edges { node { devices { id kind } } } } }');
    expect(nested).toBe(1 + 1 + 100 * (1 + 1 + UNPAGED_LIST_SIZE * 2));
  });

  it('counts fragments where they are spread, inline or named', () => {
    const plain = cost('{ patients(first: 5) { edges { node { id name } } } }');
    expect(cost('{ patients(first: 5) { edges { node { ...P } } } } fragment P on Patient { id name }')).toBe(plain);
    expect(cost('{ patients(first: 5) { edges { node { ... on Patient { id name } } } } }')).toBe(plain);
  });
});
