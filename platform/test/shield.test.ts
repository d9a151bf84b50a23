import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allow, deny } from 'graphql-shield';
import { withPermissions } from '../src/policy/shield.ts';

const resolvers = { Query: { open: () => 'open', guarded: () => 'guarded', unlisted: () => 'unlisted' } };
const plain = buildSchema('type Query { open: String, guarded: String, unlisted: String }');
for (const [name, resolve] of Object.entries(resolvers.Query)) plain.getQueryType()!.getFields()[name]!.resolve = resolve;
const schema = withPermissions(plain, { Query: { open: allow, guarded: deny } });

describe('field rules', () => {
  it('refuses a denied field and a field without a rule, and serves an allowed one', async () => {
    const result = await graphql({ schema, source: '{ open guarded unlisted }', contextValue: {} });
    expect(result.data).toEqual({ open: 'open', guarded: null, unlisted: null });
    expect(result.errors?.map((error) => [error.path?.[0], error.extensions?.code])).toEqual([
      ['guarded', 'FORBIDDEN'],
      ['unlisted', 'FORBIDDEN'],
    ]);
  });

  it('leaves an allowed field its own resolver, unwrapped; every other field goes through the rules', () => {
    const fields = schema.getQueryType()!.getFields();
    expect(fields.open!.resolve).toBe(resolvers.Query.open);
    expect(fields.guarded!.resolve).not.toBe(resolvers.Query.guarded);
    expect(fields.unlisted!.resolve).not.toBe(resolvers.Query.unlisted);
  });
});
