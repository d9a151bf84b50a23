import { describe, expect, it } from 'vitest';
import { allow, defineSubgraph, type RequestInfo } from '@caregraph/platform';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InProcessDataSource } from '../src/datasources/in-process.ts';
import type { RouterContext } from '../src/context.ts';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { whoami: String! contextId: Int! }
`;

/** A tiny subgraph whose contexts are numbered, so a test can see which one served a fetch. */
function countingSubgraph() {
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-sdl-'));
  writeFileSync(join(dir, 'schema.graphql'), SDL);
  let created = 0;
  const subgraph = defineSubgraph({
    name: 'probe',
    sdl: pathToFileURL(join(dir, 'schema.graphql')),
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, context: { request: RequestInfo }) => context.request.requestId,
        contextId: (_: unknown, __: unknown, context: { id: number }) => context.id,
      },
    },
    permissions: { Query: { whoami: allow, contextId: allow } },
    createContext: (request) => ({ request, id: ++created }),
  });
  return { subgraph, created: () => created };
}

function fetchFor(context: RouterContext, query: string) {
  return {
    kind: 'incoming operation',
    request: { query },
    context,
    incomingRequestContext: {},
  } as unknown as GraphQLDataSourceProcessOptions<RouterContext>;
}

describe('InProcessDataSource', () => {
  it('gives the subgraph its own context per router request, shared by that request’s fetches only', async () => {
    const { subgraph, created } = countingSubgraph();
    const source = new InProcessDataSource(subgraph);
    const first: RouterContext = { request: { requestId: 'req-1', viewer: null, token: null } };
    const second: RouterContext = { request: { requestId: 'req-2', viewer: null, token: null } };

    const a = await source.process(fetchFor(first, '{ whoami contextId }'));
    const b = await source.process(fetchFor(first, '{ contextId }'));
    const c = await source.process(fetchFor(second, '{ whoami contextId }'));

    expect(a.data).toEqual({ whoami: 'req-1', contextId: 1 });
    expect(b.data).toEqual({ contextId: 1 });
    expect(c.data).toEqual({ whoami: 'req-2', contextId: 2 });
    expect(created()).toBe(2);
  });

  it('parses and validates each fetch document once', async () => {
    const { subgraph } = countingSubgraph();
    const source = new InProcessDataSource(subgraph);
    for (let i = 0; i < 5; i++) {
      await source.process(fetchFor({ request: { requestId: `r${i}`, viewer: null, token: null } }, '{ contextId }'));
    }
    await source.process(fetchFor({ request: { requestId: 'x', viewer: null, token: null } }, '{ whoami }'));
    expect(source.executor.cachedDocuments).toBe(2);
  });

  it('answers an invalid document with a validation error, not a crash', async () => {
    const { subgraph } = countingSubgraph();
    const source = new InProcessDataSource(subgraph);
    const result = await source.process(fetchFor({ request: { requestId: 'r', viewer: null, token: null } }, '{ nope }'));
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
    expect(result.data).toBeUndefined();
  });
});
