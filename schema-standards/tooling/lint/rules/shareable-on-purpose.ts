import type { FieldDefinitionNode } from 'graphql';
import { standardDefinitions } from '../../../src/standard-sdl.ts';
import type { SubgraphSource } from '../../subgraph-sources.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { hasDirective, keyFields, outputFields, ROOT_TYPES, type ObjectLikeNode } from '../sdl-walk.ts';

interface Definition {
  subgraph: SubgraphSource;
  type: ObjectLikeNode;
  field: FieldDefinitionNode;
}

/** A field another subgraph may define too: a key field, an @external one, or one marked @shareable. */
function sharedOnPurpose({ type, field }: Definition): boolean {
  return keyFields(type).has(field.name.value) || hasDirective(field, 'external') || hasDirective(field, 'shareable') || hasDirective(type, 'shareable');
}

/**
 * One field, one owner. A field two subgraphs both resolve must be the same everywhere, so sharing
 * is a decision: every definition of it is a key field, `@external` or `@shareable`. And
 * `@shareable` where nothing is shared is a mistake waiting to happen (a second subgraph could then
 * start resolving the field silently), except on the standard's value types, shared by design.
 */
export const shareableOnPurpose: ProjectRule = {
  kind: 'project',
  name: 'shareable-on-purpose',
  description: 'A field defined by two subgraphs is a key field, @external or @shareable in each; @shareable marks only what is really shared.',
  check(subgraphs) {
    const byCoordinate = new Map<string, Definition[]>();
    for (const subgraph of subgraphs) {
      for (const { type, field } of outputFields(subgraph.document)) {
        if (ROOT_TYPES.has(type.name.value) && !hasDirective(field, 'shareable')) continue; // root fields are checked by composition
        const at = `${type.name.value}.${field.name.value}`;
        byCoordinate.set(at, [...(byCoordinate.get(at) ?? []), { subgraph, type, field }]);
      }
    }
    const standard = standardDefinitions();
    const findings: Finding[] = [];
    const reportedTypes = new Set<ObjectLikeNode>();
    for (const [at, definitions] of byCoordinate) {
      const owners = definitions.map((d) => d.subgraph.name);
      if (definitions.length > 1) {
        for (const definition of definitions.filter((d) => !sharedOnPurpose(d))) {
          findings.push({
            subgraph: definition.subgraph,
            node: definition.field,
            message: `${at} is defined by ${owners.join(', ')}: define it in one subgraph, or mark it @shareable in each on purpose`,
          });
        }
      } else {
        const [only] = definitions;
        if (!only || standard.has(only.type.name.value)) continue;
        if (hasDirective(only.field, 'shareable')) {
          findings.push({ subgraph: only.subgraph, node: only.field, message: `${at} is @shareable but only ${only.subgraph.name} defines it: remove @shareable` });
        } else if (hasDirective(only.type, 'shareable') && !reportedTypes.has(only.type)) {
          reportedTypes.add(only.type);
          const type = only.type.name.value;
          findings.push({ subgraph: only.subgraph, node: only.type, message: `${type} is @shareable but no other subgraph defines its fields: remove @shareable` });
        }
      }
    }
    return findings;
  },
};
