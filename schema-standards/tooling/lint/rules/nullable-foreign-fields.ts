import { Kind } from 'graphql';
import type { SubgraphSource } from '../../subgraph-sources.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { hasDirective, keyFields, namedType, outputFields, outputTypes } from '../sdl-walk.ts';

export interface NullableForeignFieldOptions {
  /** `Type.field` non-null fields published before this rule, each with the reason it stays. */
  nonNullExceptions?: Record<string, string>;
}

/** The subgraph that answers the root lookup of each entity (`patient(id)` → patients). */
function entityOrigins(subgraphs: readonly SubgraphSource[]): Map<string, string> {
  const entities = new Set<string>();
  for (const { document } of subgraphs) {
    for (const type of outputTypes(document)) if (hasDirective(type, 'key')) entities.add(type.name.value);
  }
  const origins = new Map<string, string>();
  for (const { name, document } of subgraphs) {
    for (const { type, field } of outputFields(document)) {
      const returned = namedType(field.type);
      if (type.name.value === 'Query' && entities.has(returned) && !origins.has(returned)) origins.set(returned, name);
    }
  }
  return origins;
}

/**
 * A field one subgraph adds to another subgraph's entity (`Patient.devices` from devices) is
 * resolved by a second service: when that service fails, a non-null field nulls its parent, and the
 * patient the first service did return is lost. Such fields are nullable.
 */
export function nullableForeignFields(options: NullableForeignFieldOptions = {}): ProjectRule {
  const exceptions = options.nonNullExceptions ?? {};
  return {
    kind: 'project',
    name: 'nullable-foreign-fields',
    description: "A field a subgraph adds to another subgraph's entity is nullable, so one failing subgraph does not null the parent.",
    check(subgraphs) {
      const origins = entityOrigins(subgraphs);
      const findings: Finding[] = [];
      for (const subgraph of subgraphs) {
        for (const { type, field } of outputFields(subgraph.document)) {
          const entity = type.name.value;
          const origin = origins.get(entity);
          const at = `${entity}.${field.name.value}`;
          if (!origin || origin === subgraph.name || keyFields(type).has(field.name.value) || hasDirective(field, 'external')) continue;
          if (field.type.kind !== Kind.NON_NULL_TYPE || Object.hasOwn(exceptions, at)) continue;
          findings.push({ subgraph, node: field, message: `${at} is resolved by ${subgraph.name} on an entity of ${origin}: make it nullable` });
        }
      }
      return findings;
    },
  };
}
