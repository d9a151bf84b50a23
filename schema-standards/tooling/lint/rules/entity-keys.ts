import { Kind, print } from 'graphql';
import type { Finding, ProjectRule } from '../rule.ts';
import { directive, keyFields, outputTypes } from '../sdl-walk.ts';

/**
 * Entities are keyed by opaque ids: every key field is `ID!`, and an entity with an `id` field is
 * keyed by it (`@key(fields: "id")`), so every subgraph references it the same way.
 */
export const entityKeys: ProjectRule = {
  kind: 'project',
  name: 'entity-keys',
  description: 'Every @key field is `ID!`; an entity with an `id` field is keyed by `id`.',
  check(subgraphs) {
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const type of outputTypes(subgraph.document)) {
        const key = directive(type, 'key');
        if (!key || type.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
        const fields = keyFields(type);
        const name = type.name.value;
        if (type.fields?.some((f) => f.name.value === 'id') && !fields.has('id')) {
          findings.push({ subgraph, node: key, message: `${name} has an id: key it by it, @key(fields: "id")` });
        }
        for (const field of type.fields ?? []) {
          if (fields.has(field.name.value) && print(field.type) !== 'ID!') {
            findings.push({ subgraph, node: field, message: `${name}.${field.name.value} is a key field: make it ID!` });
          }
        }
      }
    }
    return findings;
  },
};
