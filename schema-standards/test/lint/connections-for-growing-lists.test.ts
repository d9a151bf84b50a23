import { describe, expect, it } from 'vitest';
import { connectionsForGrowingLists } from '../../tooling/lint/rules/connections-for-growing-lists.ts';
import { subgraph, violations } from './support.ts';

const rule = connectionsForGrowingLists({ boundedLists: { 'Patient.latestVitals': 'one per vital-sign code' } });

describe('connections-for-growing-lists', () => {
  it('passes connections, recorded bounded lists and lists of value types', () => {
    const sdl = subgraph('ok', `
type Observation @key(fields: "id") { id: ID! }
type ObservationConnection { edges: [ObservationEdge!]! }
type ObservationEdge { cursor: String!  node: Observation! }
type Patient @key(fields: "id") {
  id: ID!
  observations(first: Int, after: String): ObservationConnection!
  latestVitals: [Observation!]!
  nicknames: [String!]!
}`);
    expect(violations(rule, sdl)).toEqual([]);
  });

  it('fails plain lists of entities and of types that have a connection elsewhere', () => {
    const observations = subgraph('observations', `
type Observation @key(fields: "id") { id: ID! }
type Patient @key(fields: "id") { id: ID!  observations: [Observation!]! }`);
    const audit = subgraph('audit', `
type AuditEvent { id: ID! }
type AuditEventConnection { edges: [AuditEventEdge!]! }
type AuditEventEdge { cursor: String!  node: AuditEvent! }
type Query { recentEvents: [AuditEvent] }`);
    expect(violations(rule, observations, audit)).toEqual([
      'audit: Query.recentEvents lists AuditEvent records, which can grow without bound: return a AuditEventConnection (first/after), or record the list\'s bound as an exception',
      'observations: Patient.observations lists Observation records, which can grow without bound: return a ObservationConnection (first/after), or record the list\'s bound as an exception',
    ]);
  });
});
