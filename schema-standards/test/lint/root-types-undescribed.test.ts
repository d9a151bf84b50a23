import { describe, expect, it } from 'vitest';
import { rootTypesUndescribed } from '../../tooling/lint/rules/root-types-undescribed.ts';
import { subgraph, violations } from './support.ts';

describe('root-types-undescribed', () => {
  it('passes root types with described fields and # comments', () => {
    const sdl = subgraph('ok', `
# Internal: only the router calls recordAccess.
type Mutation { "Records a batch." recordAccess: Int }
type Query { "Now." now: String }`);
    expect(violations(rootTypesUndescribed, sdl)).toEqual([]);
  });

  it('fails a description on a root type', () => {
    const sdl = subgraph('bad', `
"Internal: the router records what the subgraphs served."
type Mutation { "Records a batch." recordAccess: Int }`);
    expect(violations(rootTypesUndescribed, sdl)).toEqual([
      "bad: Mutation has a description, which would describe every subgraph's Mutation: describe its fields, or use a # comment",
    ]);
  });
});
