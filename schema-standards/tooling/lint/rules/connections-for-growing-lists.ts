import { Kind } from 'graphql';
import type { SubgraphSource } from '../../subgraph-sources.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { hasDirective, isList, namedType, outputFields, outputTypes } from '../sdl-walk.ts';

export interface GrowingListOptions {
  /** `Type.field` lists of growing types that are bounded anyway, each with the bound as reason. */
  boundedLists?: Record<string, string>;
}

/** Types whose number of records grows without bound: entities (`@key`) and types with a connection. */
function growingTypes(subgraphs: readonly SubgraphSource[]): Set<string> {
  const names = new Set<string>();
  const connections = new Set<string>();
  for (const { document } of subgraphs) {
    for (const type of outputTypes(document)) {
      if (type.kind === Kind.OBJECT_TYPE_DEFINITION && hasDirective(type, 'key')) names.add(type.name.value);
      if (type.name.value.endsWith('Connection')) connections.add(type.name.value.slice(0, -'Connection'.length));
    }
  }
  return new Set([...names, ...connections]);
}

/**
 * A list of patients, devices, observations or audit events can grow without bound; a plain list of
 * them is one unbounded response. Such fields return a connection (`first`/`after`), unless the
 * list is bounded by design and recorded as such with its bound.
 */
export function connectionsForGrowingLists(options: GrowingListOptions = {}): ProjectRule {
  const bounded = options.boundedLists ?? {};
  return {
    kind: 'project',
    name: 'connections-for-growing-lists',
    description: 'A field listing records that can grow (entities, types with a connection) returns a connection, not a list.',
    check(subgraphs) {
      const growing = growingTypes(subgraphs);
      const findings: Finding[] = [];
      for (const subgraph of subgraphs) {
        for (const { type, field } of outputFields(subgraph.document)) {
          const item = namedType(field.type);
          const at = `${type.name.value}.${field.name.value}`;
          if (!isList(field.type) || !growing.has(item) || Object.hasOwn(bounded, at)) continue;
          findings.push({
            subgraph,
            node: field,
            message: `${at} lists ${item} records, which can grow without bound: return a ${item}Connection (first/after), or record the list's bound as an exception`,
          });
        }
      }
      return findings;
    },
  };
}
