import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DateScalar, DateTimeScalar, JSONScalar } from '../src/scalars.ts';
import { standardDefinitions, standardDescription } from '../src/standard-sdl.ts';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])';

describe('the standard SDL', () => {
  it('defines the shared scalars, @phi, @cacheControl, PageInfo and Quantity', () => {
    expect([...standardDefinitions().keys()].sort()).toEqual(['CacheControlScope', 'Date', 'DateTime', 'JSON', 'PageInfo', 'Quantity', 'cacheControl', 'phi']);
  });

  it('builds as a federation subgraph on its own, so every copy of it does too', () => {
    const sdl = [FEDERATION, ...[...standardDefinitions().values()].map((d) => d.text), 'type Query { "Now." now: DateTime }'].join('\n\n');
    const schema = buildSubgraphSchema({ typeDefs: parse(sdl) });
    expect(schema.getType('Quantity')).toBeDefined();
    expect(schema.getDirective('phi')).toBeDefined();
  });

  it('describes each scalar exactly as its implementation does (the runtime description wins in a subgraph)', () => {
    for (const scalar of [DateTimeScalar, DateScalar, JSONScalar]) {
      expect(scalar.description, scalar.name).toBe(standardDescription(scalar.name));
    }
  });

  it('keeps each definition with its description as the text subgraphs copy', () => {
    const pageInfo = standardDefinitions().get('PageInfo')!;
    expect(pageInfo.text.startsWith('"Relay page information."\ntype PageInfo @shareable {')).toBe(true);
    expect(pageInfo.text.endsWith('}')).toBe(true);
  });
});
