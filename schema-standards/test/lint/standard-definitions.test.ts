import { describe, expect, it } from 'vitest';
import { standardDefinitions } from '../../src/standard-sdl.ts';
import { fixStandardCopies } from '../../tooling/lint/fix-standard-copies.ts';
import { standardDefinitionsRule } from '../../tooling/lint/rules/standard-definitions.ts';
import { subgraphSource } from '../../tooling/subgraph-sources.ts';
import { subgraph, violations } from './support.ts';

const copy = (name: string) => standardDefinitions().get(name)!.text;

describe('standard-definitions', () => {
  it('passes verbatim copies of the standard (formatting aside)', () => {
    const sdl = subgraph('ok', `${copy('DateTime')}\n\n${copy('PageInfo').replace(/\n {2}/g, '\n    ')}\n${copy('phi')}
type Query { now: DateTime }`);
    expect(violations(standardDefinitionsRule, sdl)).toEqual([]);
  });

  it('fails a drifted copy and a scalar or directive of its own', () => {
    const sdl = subgraph('bad', `
"An instant."
scalar DateTime
scalar Timestamp
directive @sensitive on FIELD_DEFINITION
"Relay page information."
type PageInfo @shareable { hasNextPage: Boolean! }
type Query { now: DateTime }`);
    expect(violations(standardDefinitionsRule, sdl)).toEqual([
      "bad: DateTime differs from the standard's (schema-standards/sdl/standard.graphql): run `pnpm lint:schema --fix`",
      'bad: scalar Timestamp is not part of the standard: use a standard one, or add it to schema-standards/sdl/standard.graphql',
      'bad: directive @sensitive is not part of the standard: use a standard one, or add it to schema-standards/sdl/standard.graphql',
      "bad: PageInfo differs from the standard's (schema-standards/sdl/standard.graphql): run `pnpm lint:schema --fix`",
    ]);
  });

  it('--fix replaces drifted copies in place and leaves the rest of the file alone', () => {
    const drifted = subgraph('drifted', `
# our comment stays
"An instant."
scalar DateTime
type Query { now: DateTime }`);
    const fixed = fixStandardCopies(drifted);
    expect(fixed).toContain(`# our comment stays\n${copy('DateTime')}\ntype Query { now: DateTime }`);
    expect(violations(standardDefinitionsRule, subgraphSource('fixed', 'fixed.graphql', fixed))).toEqual([]);
  });
});
