import { Kind } from 'graphql';
import type { SubgraphSource } from '../../subgraph-sources.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { hasDirective, keyFields, namedType, outputFields, outputTypes, ROOT_TYPES } from '../sdl-walk.ts';

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
 * Fields whose value depends on a service other than the one resolving their parent, so a failure
 * there must not null the parent: a non-null field that errors nulls its parent, and the patient
 * the first service did return is lost. Three shapes:
 * - a field one subgraph adds to another subgraph's entity (`Patient.devices` from devices);
 * - a field returning another subgraph's entity (`Observation.patient`: its fields come from patients);
 * - a root field (`Query.devices` beside `Query.patients` in one request; one domain down must not
 *   blank the answer). Internal (@inaccessible) fields are not part of the API.
 */
export const nullableForeignFields: ProjectRule = {
  kind: 'project',
  name: 'nullable-foreign-fields',
  description:
    "Fields another subgraph resolves (added to another subgraph's entity, returning another subgraph's entity) and root fields are nullable, so one failing subgraph does not null the parent.",
  check(subgraphs) {
    const origins = entityOrigins(subgraphs);
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const { type, field } of outputFields(subgraph.document)) {
        if (field.type.kind !== Kind.NON_NULL_TYPE || hasDirective(field, 'inaccessible') || hasDirective(field, 'external')) continue;
        const parent = type.name.value;
        const at = `${parent}.${field.name.value}`;
        const parentOrigin = origins.get(parent);
        const returnedOrigin = origins.get(namedType(field.type));
        if (ROOT_TYPES.has(parent)) {
          findings.push({ subgraph, node: field, message: `${at} is a root field: make it nullable, so another domain's failure does not blank the answer` });
        } else if (parentOrigin && parentOrigin !== subgraph.name && !keyFields(type).has(field.name.value)) {
          findings.push({ subgraph, node: field, message: `${at} is resolved by ${subgraph.name} on an entity of ${parentOrigin}: make it nullable` });
        } else if (returnedOrigin && returnedOrigin !== subgraph.name) {
          findings.push({ subgraph, node: field, message: `${at} returns an entity of ${returnedOrigin}: make it nullable` });
        }
      }
    }
    return findings;
  },
};
