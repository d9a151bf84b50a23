import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeKeyset, DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, pageSize, toConnection } from '../src/pagination.ts';
import { rejectedField, rejectionOf } from '../../test/support/rejections.ts';

describe('pageSize', () => {
  it('defaults to 20 when `first` is absent', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it('accepts integers from 0 to 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect([0, 1, 57, 100].map(pageSize)).toEqual([0, 1, 57, 100]);
  });

  it.each([101, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s as BAD_USER_INPUT on "first"', (first) => {
    const error = rejectionOf(() => pageSize(first));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(error.message).toContain('"first"');
  });
});

describe('cursors', () => {
  it('round-trip the keyset values through an opaque base64url string', () => {
    const values = ['2026-01-31T12:00:00.000Z', '0b7c5a9e-3f7e-4d5c-9a51-2d7f0e6f1c11', 42];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, 3)).toEqual(values);
  });

  it('decode to null when there is no cursor', () => {
    expect(decodeCursor(null, 2)).toBeNull();
    expect(decodeCursor(undefined, 2)).toBeNull();
  });

  const base64url = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['not base64 at all', '%%% not a cursor %%%'],
    ['an empty string', ''],
    ['a tuple of the wrong arity', encodeCursor(['a'])],
    ['a longer tuple', encodeCursor(['a', 'b', 'c'])],
    ['base64 of non-JSON text', base64url('hello, world')],
    ['an object', base64url('{"0":"a","1":"b","length":2}')],
    ['JSON null', base64url('null')],
    ['a tuple holding an object', base64url('[{"$ne":null},"b"]')],
    ['a tuple holding null', base64url('[null,"b"]')],
  ])('reject %s as BAD_USER_INPUT on "after"', (_, cursor) => {
    const error = rejectionOf(() => decodeCursor(cursor, 2));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    if (cursor) expect(error.message).not.toContain(cursor);
  });
});

describe('toConnection', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
  const cursorOf = (row: { id: string }) => [row.id];

  it('drops the extra row fetched with limit size + 1 and reports a next page', () => {
    const connection = toConnection(rows, 3, cursorOf);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['a', 'b', 'c']);
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor, 1))).toEqual([['a'], ['b'], ['c']]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['c']) });
  });

  it('reports no next page when exactly `size` rows came back', () => {
    const connection = toConnection(rows.slice(0, 3), 3, cursorOf);
    expect(connection.edges).toHaveLength(3);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(['c']) });
  });

  it('gives an empty page with a null end cursor when there are no rows', () => {
    expect(toConnection([], 3, cursorOf)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('decodeKeyset', () => {
  const cursorOf = (values: (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const ID = '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';

  it('returns each position typed as its column is', () => {
    expect(decodeKeyset(cursorOf(['2026-01-31T12:00:00.000Z', ID]), ['instant', 'uuid'])).toEqual([new Date('2026-01-31T12:00:00.000Z'), ID]);
    expect(decodeKeyset(cursorOf([1769860800000, 'patients:3', 42]), ['instant', 'name', 'count'])).toEqual([new Date(1769860800000), 'patients:3', 42]);
    expect(decodeKeyset(null, ['instant', 'uuid'])).toBeNull();
  });

  it.each([
    // The finding: a name-shaped string that V8's lenient Date parser reads as the year 10000.
    ['a date a lenient parser stretches past 9999', ['Jan-1-10000', ID], ['instant', 'uuid']],
    ['a name where an instant belongs', ['patients', ID], ['instant', 'uuid']],
    ['an instant where an id belongs', ['2026-01-31T12:00:00.000Z', '2026-01-31T12:00:00.000Z'], ['instant', 'uuid']],
    ['a negative sequence number', [1769860800000, 'patients', -1], ['instant', 'name', 'count']],
    ['a uuid where a count belongs', [1769860800000, 'patients', ID], ['instant', 'name', 'count']],
  ] as const)('refuses %s as BAD_USER_INPUT naming after', (_, values, kinds) => {
    expect(rejectedField(() => decodeKeyset(cursorOf([...values]), kinds))).toBe('after');
  });
});
