import { describe, expect, it } from 'vitest';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { problemAt, requestProblem } from '../src/graphql/field-errors.ts';

const error = (...errors: { path: (string | number)[]; code: string }[]) =>
  new CombinedError({ graphQLErrors: errors.map((e) => new GraphQLError('x', { path: e.path, extensions: { code: e.code } })) });

describe('what an empty field means (contract v2)', () => {
  const answer = error(
    { path: ['patients', 'edges', 0, 'node', 'name'], code: 'FORBIDDEN' },
    { path: ['patients', 'edges', 1, 'node', 'devices'], code: 'SERVICE_UNAVAILABLE' },
  );

  it('is restricted where the API said FORBIDDEN, unavailable where a domain is down, and answered elsewhere', () => {
    expect(problemAt(answer, ['patients', 'edges', 0, 'node', 'name'])).toBe('restricted');
    expect(problemAt(answer, ['patients', 'edges', 1, 'node', 'devices'])).toBe('unavailable');
    expect(problemAt(answer, ['patients', 'edges', 1, 'node', 'name'])).toBeNull();
    expect(problemAt(answer, ['patients', 'edges', 10, 'node', 'devices'])).toBeNull();
    expect(problemAt(undefined, ['patients'])).toBeNull();
  });

  it('counts an error below a field, or above it, as that field’s', () => {
    expect(problemAt(answer, ['patients', 'edges', 0])).toBe('restricted');
    expect(problemAt(error({ path: ['patient'], code: 'NOT_FOUND' }), ['patient', 'name'])).toBe('not-found');
  });

  it('calls a network failure failed, and a refused request by its code', () => {
    expect(problemAt(new CombinedError({ networkError: new Error('offline') }), ['patient'])).toBe('failed');
    expect(requestProblem(error({ path: [], code: 'FORBIDDEN' }))).toBe('restricted');
    expect(requestProblem(error({ path: [], code: 'INTERNAL' }))).toBe('failed');
  });
});
