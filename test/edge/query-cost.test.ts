import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost, UNPAGED_LIST_SIZE, type CostWalk } from '@caregraph/router/edge/query-cost';
import { MAX_SUMMARY_BUCKETS } from '@caregraph/schema-standards';

const schema = buildSchema(`
  type Query { patients(first: Int, after: String): PatientConnection!  patient(id: ID!): Patient }
  type PatientConnection { edges: [PatientEdge!]!  pageInfo: PageInfo! }
  type PatientEdge { node: Patient!  cursor: String! }
  type PageInfo { hasNextPage: Boolean!  endCursor: String }
  type Patient { id: ID!  name: String  devices: [Device!]!  careTeam: [ID!]!
    vitalsSummary(code: String!, from: DateTime!, to: DateTime!, bucket: TimeBucket!): [Bucket!]! }
  scalar DateTime
  enum TimeBucket { MINUTE HOUR DAY }
  type Bucket { start: DateTime!  min: Float  max: Float  mean: Float  count: Int! }
  type Device { id: ID!  kind: String }
`);

function cost(query: string, variables?: Record<string, unknown>, walk?: CostWalk): number {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables, walk);
}

/** `levels` fragments, each spreading the next `spreads` times: about 3 KB and under 1 000 tokens at 4 x 160. */
function nestedSpreads(levels: number, spreads: number, leaf = '__typename'): string {
  const fragments = Array.from({ length: levels - 1 }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i + 2} `.repeat(spreads)}}`);
  return `query { ...F1 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;
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

  it('costs each fragment once per place it is spread under, so the walk is linear in the document', () => {
    const walk: CostWalk = { visits: 0 };
    const query = nestedSpreads(4, 160);
    expect(query.length).toBeLessThan(3_100);
    expect(cost(query, {}, walk)).toBe(0);
    // One visit per selection written in the document (3 x 160 spreads, the root and the leaf), not
    // one per path through it (160^3 = 4 096 000 before fragments were memoized).
    expect(walk.visits).toBe(3 * 160 + 2);
  });

  it('still multiplies a fragment spread many times, and by the page it sits in', () => {
    const leaf = 'patient(id: "p") { id }';
    expect(cost(nestedSpreads(3, 5, leaf))).toBe(5 * 5 * 2);
    const once = cost('{ patients(first: 7) { edges { node { ...P } } } pageInfo: patients(first: 3) { edges { node { ...P } } } } fragment P on Patient { devices { id } }');
    // patients 1 + edges (1 + n x node (1 + devices (1 + 10 x id)))
    expect(once).toBe(1 + (1 + 7 * (1 + 1 + UNPAGED_LIST_SIZE)) + (1 + (1 + 3 * (1 + 1 + UNPAGED_LIST_SIZE))));
  });

  describe('bucketed summaries', () => {
    const summary = (args: string) => `query ($from: DateTime!, $to: DateTime!, $b: TimeBucket!) { patient(id: "p") { vitalsSummary(code: "8867-4", ${args}) { start count } } }`;
    const at = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

    it('costs a summary by the buckets its range yields, literal or variable', () => {
      expect(cost(summary('from: $from, to: $to, bucket: HOUR'), at)).toBe(1 + 1 + 24 * 2);
      expect(cost(summary('from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", bucket: $b'), { b: 'MINUTE' })).toBe(1 + 1 + 1440 * 2);
      expect(cost(summary('from: $from, to: $to, bucket: DAY'), at)).toBe(1 + 1 + 1 * 2);
      // A range not aligned to buckets touches one more.
      expect(cost(summary('from: $from, to: $to, bucket: HOUR'), { ...at, from: '2026-01-01T00:30:00Z' })).toBe(1 + 1 + 24 * 2);
      expect(cost(summary('from: $from, to: $to, bucket: HOUR'), { from: '2026-01-01T00:30:00Z', to: '2026-01-01T01:30:00Z' })).toBe(1 + 1 + 2 * 2);
    });

    it('charges at most the per-field bound, which the field itself enforces; an unreadable range costs the bound', () => {
      const week = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' };
      expect(cost(summary('from: $from, to: $to, bucket: MINUTE'), week)).toBe(1 + 1 + MAX_SUMMARY_BUCKETS * 2);
      expect(cost(summary('from: $from, to: $to, bucket: $b'), { ...week })).toBe(1 + 1 + MAX_SUMMARY_BUCKETS * 2);
    });

    it('adds up aliases: fifteen minute summaries of a week are far over any reasonable limit', () => {
      const fields = Array.from({ length: 15 }, (_, i) => `s${i}: vitalsSummary(code: "8867-4", from: $from, to: $to, bucket: MINUTE) { start min max mean count }`);
      const query = `query ($from: DateTime!, $to: DateTime!) { patient(id: "p") { ${fields.join(' ')} } }`;
      expect(cost(query, { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' })).toBe(1 + 15 * (1 + MAX_SUMMARY_BUCKETS * 5));
    });
  });
});
