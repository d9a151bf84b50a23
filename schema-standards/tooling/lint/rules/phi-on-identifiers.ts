import type { FieldDefinitionNode } from 'graphql';
import type { SubgraphSource } from '../../subgraph-sources.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { hasDirective, namedType, outputFields } from '../sdl-walk.ts';

/** Field names that hold a direct identifier of a person (HIPAA's list, as caregraph names them). */
export const IDENTIFIER_FIELDS = new Set([
  'name', 'fullName', 'givenName', 'familyName', 'firstName', 'lastName',
  'birthDate', 'dateOfBirth',
  'mrn', 'medicalRecordNumber',
  'contact', 'address', 'email', 'phone', 'telephone',
  'ssn', 'socialSecurityNumber', 'nationalId',
]);

/**
 * Types whose every use as a field type is a `@phi` field (e.g. `ContactPoint`, only reachable
 * through `Patient.contact @phi`): their own fields are guarded by that field's PHI rule already.
 */
function typesOnlyBehindPhi(subgraphs: readonly SubgraphSource[]): Set<string> {
  const uses = new Map<string, FieldDefinitionNode[]>();
  for (const { document } of subgraphs) {
    for (const { field } of outputFields(document)) {
      const type = namedType(field.type);
      uses.set(type, [...(uses.get(type) ?? []), field]);
    }
  }
  return new Set([...uses].filter(([, fields]) => fields.every((field) => hasDirective(field, 'phi'))).map(([type]) => type));
}

/**
 * A field named like a direct identifier (name, birth date, MRN, contact, address, ...) carries
 * `@phi`, so it gets a PHI access rule, audit and de-identification; unless its whole value is only
 * reachable through a `@phi` field. Input fields are writes, not disclosures, and are not checked.
 */
export const phiOnIdentifiers: ProjectRule = {
  kind: 'project',
  name: 'phi-on-identifiers',
  description: 'Output fields named like a direct identifier (name, birthDate, mrn, contact, address, email, phone, ...) are marked `@phi`.',
  check(subgraphs) {
    const guarded = typesOnlyBehindPhi(subgraphs);
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const { type, field } of outputFields(subgraph.document)) {
        if (!IDENTIFIER_FIELDS.has(field.name.value) || hasDirective(field, 'phi') || guarded.has(type.name.value)) continue;
        findings.push({
          subgraph,
          node: field,
          message: `${type.name.value}.${field.name.value} looks like a direct identifier: mark it @phi (and give it the PHI access rule)`,
        });
      }
    }
    return findings;
  },
};
