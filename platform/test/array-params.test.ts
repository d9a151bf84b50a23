import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, textList, uuidList } from '../src/db/array-params.ts';

const dialect = new PgDialect();
const A = '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f';
const B = 'BC566764-804D-453E-822F-4B4F58B7D375';

describe('lists as one array parameter', () => {
  it('quotes every element, so no value can add, split or end an element', () => {
    expect(arrayLiteral(['a,b', '"q"', 'back\\slash', '}{', 'NULL', null, 7.5])).toBe(
      '{"a,b","\\"q\\"","back\\\\slash","}{","NULL",NULL,"7.5"}',
    );
    expect(arrayLiteral([])).toBe('{}');
  });

  it('sends ids as a single uuid[] parameter whatever their number', () => {
    const few = dialect.sqlToQuery(uuidList([A]));
    const many = dialect.sqlToQuery(uuidList(Array.from({ length: 300 }, () => A)));
    expect(few.sql).toBe('$1::uuid[]');
    expect(many.sql).toBe(few.sql);
    expect(many.params).toHaveLength(1);
  });

  it('leaves out ids that are not UUIDs (they can match no row), including ones that try to smuggle in another', () => {
    const query = dialect.sqlToQuery(uuidList([A, `x,${B}`, `${A}}`, '', B]));
    expect(query.params).toEqual([`{${A},${B}}`]);
  });

  it('sends strings as a single text[] parameter', () => {
    const query = dialect.sqlToQuery(textList(['k1', 'k,2']));
    expect(query.sql).toBe('$1::text[]');
    expect(query.params).toEqual(['{"k1","k,2"}']);
  });
});
