import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { apiReference } from '../tooling/docs/api-markdown.ts';

const schema = buildSchema(`
"An instant."
scalar DateTime
"A patient."
type Patient {
  "Medical record number."
  mrn: String
  "Age range."
  ageBand: String @deprecated(reason: "Use age; removal after 2027-03-31")
  "When created."
  createdAt: DateTime!
}
"Sex."
enum Sex { "Female." FEMALE }
"A new patient."
input CreatePatientInput { "Sex." sex: Sex! }
type Query { "One patient." patient("Its id." id: ID!): Patient }
type Mutation { "Creates one." createPatient("The patient." input: CreatePatientInput!): Patient! }
`);

describe('API reference', () => {
  const pages = apiReference(schema, { header: '<!-- generated -->', phiFields: new Set(['Patient.mrn']) });

  it('has an index of operations and one page per kind of type, each with the header', () => {
    expect([...pages.keys()]).toEqual(['README.md', 'objects.md', 'inputs.md', 'enums.md', 'scalars.md']);
    for (const page of pages.values()) expect(page.startsWith('<!-- generated -->\n')).toBe(true);
    expect(pages.get('README.md')).toContain('| `patient` | [`Patient`](objects.md#patient) | One patient.<br>Arguments: `id`: `ID!` (Its id.) |');
    expect(pages.get('README.md')).toContain('| `createPatient` | [`Patient`](objects.md#patient)`!` |');
  });

  it('documents types from their descriptions, with PHI and deprecations marked and types linked', () => {
    const objects = pages.get('objects.md')!;
    expect(objects).toContain('## Patient\n\nA patient.');
    expect(objects).toContain('| `mrn` | `String` | Medical record number. **PHI** |');
    expect(objects).toContain('| `ageBand` | `String` | Age range. **Deprecated:** Use age; removal after 2027-03-31 |');
    expect(objects).toContain('| `createdAt` | [`DateTime`](scalars.md#datetime)`!` | When created. |');
    expect(pages.get('enums.md')).toContain('| `FEMALE` | Female. |');
    expect(pages.get('inputs.md')).toContain('| `sex` | [`Sex`](enums.md#sex)`!` | Sex. |');
  });
});
