import { describe, expect, it } from 'vitest';
import { paginationArguments } from '../../tooling/lint/rules/pagination-arguments.ts';
import { subgraph, violations } from './support.ts';

const TYPES = `
type Device { id: ID! }
type DeviceConnection { edges: [DeviceEdge!]!  pageInfo: PageInfo! }
type DeviceEdge { cursor: String!  node: Device! }
type PageInfo @shareable { hasNextPage: Boolean!  endCursor: String }`;

describe('pagination-arguments', () => {
  it('passes first: Int (described with the real default and maximum) and after: String', () => {
    const sdl = subgraph('ok', `${TYPES}
type Query { devices("How many: at most 100, default 20." first: Int, "A cursor." after: String): DeviceConnection! }`);
    expect(violations(paginationArguments, sdl)).toEqual([]);
  });

  it('fails missing, mistyped, misdescribed or backward arguments', () => {
    const sdl = subgraph('bad', `${TYPES}
type Query {
  all: DeviceConnection!
  some("How many (default 10)." first: Int, after: ID): DeviceConnection!
  many("How many: at most 100, default 20." first: Int = 20, after: String): DeviceConnection!
  back("at most 100, default 20" first: Int, after: String, last: Int, before: String): DeviceConnection!
}`);
    expect(violations(paginationArguments, sdl)).toEqual([
      'bad: Query.all: takes `first: Int`',
      'bad: Query.all: takes `after: String`',
      'bad: Query.some: takes `after: String`',
      'bad: Query.some: the description of `first` states "default 20" and "at most 100"',
      'bad: Query.many: `first` has no default value in the schema (the server applies the default)',
      'bad: Query.back: `last` is not supported: connections page forward only',
      'bad: Query.back: `before` is not supported: connections page forward only',
    ]);
  });
});
