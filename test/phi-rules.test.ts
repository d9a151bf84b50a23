import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allow, rules } from '@caregraph/platform';
import { permissions as audit } from '@caregraph/audit/permissions';
import { permissions as devices } from '@caregraph/devices/permissions';
import { permissions as observations } from '@caregraph/observations/permissions';
import { permissions as patients } from '@caregraph/patients/permissions';

const ROOT = resolve(import.meta.dirname, '..');
const SUBGRAPHS = { patients, devices, observations, audit } as Record<string, Record<string, Record<string, unknown>>>;

function objectTypes(name: string): ObjectTypeDefinitionNode[] {
  const sdl = readFileSync(resolve(ROOT, `subgraphs/${name}/src/schema.graphql`), 'utf8');
  return parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
}

describe.each(Object.keys(SUBGRAPHS))('%s subgraph permissions', (name) => {
  const permissions = SUBGRAPHS[name]!;

  it('guard every @phi field with the PHI rule', () => {
    const phiFields = objectTypes(name).flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => field.directives?.some((d) => d.name.value === 'phi'))
        .map((field) => [type.name.value, field.name.value] as const),
    );
    for (const [type, field] of phiFields) expect(permissions[type]?.[field], `${type}.${field}`).toBe(rules.readPhi);
  });

  it('name a rule for every field of the SDL (the deny fallback is a safety net, not the policy)', () => {
    for (const type of objectTypes(name)) {
      for (const field of type.fields ?? []) {
        expect(permissions[type.name.value]?.[field.name.value], `${type.name.value}.${field.name.value}`).toBeDefined();
      }
    }
  });

  // Contract v2: a refused non-null field would null its parent (the whole patient for one denied
  // list), so every field whose rule can refuse a signed-in caller is nullable. Internal
  // (@inaccessible) fields are not part of the API.
  it('make every field that its rule can refuse nullable', () => {
    const neverRefuses = new Set<unknown>([allow, rules.signedIn]);
    for (const type of objectTypes(name)) {
      for (const field of type.fields ?? []) {
        const rule = permissions[type.name.value]?.[field.name.value];
        const internal = field.directives?.some((d) => d.name.value === 'inaccessible');
        if (neverRefuses.has(rule) || internal) continue;
        expect(field.type.kind, `${type.name.value}.${field.name.value} can be refused: make it nullable`).not.toBe(Kind.NON_NULL_TYPE);
      }
    }
  });

  it('use the PHI rule for no field that is not marked @phi', () => {
    const marked = new Set(
      objectTypes(name).flatMap((type) =>
        (type.fields ?? []).filter((f) => f.directives?.some((d) => d.name.value === 'phi')).map((f) => `${type.name.value}.${f.name.value}`),
      ),
    );
    for (const [type, fields] of Object.entries(permissions)) {
      for (const [field, rule] of Object.entries(fields)) {
        if (rule === rules.readPhi) expect(marked, `${type}.${field} uses readPhi without @phi`).toContain(`${type}.${field}`);
      }
    }
  });
});

describe('identifier fields', () => {
  it('are all marked @phi in the patients SDL (name, birth date, MRN, contact)', () => {
    const patient = objectTypes('patients').find((t) => t.name.value === 'Patient')!;
    for (const field of ['mrn', 'name', 'birthDate', 'contact']) {
      const definition = patient.fields?.find((f) => f.name.value === field);
      expect(definition?.directives?.some((d) => d.name.value === 'phi'), field).toBe(true);
    }
  });
});
