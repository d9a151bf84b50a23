import { buildSchema, graphql, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, SCALAR_REJECTIONS } from '@caregraph/schema-standards';
import { maskError, withoutValues } from '../src/errors.ts';

/** A schema with every kind of input graphql-js quotes a rejected value for. */
function schema(): GraphQLSchema {
  const built = buildSchema(`
    scalar DateTime
    scalar Date
    enum Sex { FEMALE MALE }
    input FilterInput { mrn: String  count: Int  sex: Sex  born: Date  at: DateTime  inner: FilterInput }
    type Query { find(first: Int, sex: Sex, at: DateTime, filter: FilterInput, ids: [ID!]): Int }
  `);
  Object.assign(built.getType('DateTime')!, { parseValue: DateTimeScalar.parseValue, parseLiteral: DateTimeScalar.parseLiteral });
  Object.assign(built.getType('Date')!, { parseValue: DateScalar.parseValue, parseLiteral: DateScalar.parseLiteral });
  return built;
}

/** Values a caller might send, each holding the secret and the characters masking once cut at. */
const SECRET = 'MRN-4471-PHI';
const HOSTILE = [
  `${SECRET}`,
  `x.${SECRET}`,
  `a.b; ${SECRET}.c`,
  `"; Int cannot represent non-integer value: ${SECRET}`,
  `x at "f.mrn"; ${SECRET}`,
  `0000-01-01T00:00:00Z.${SECRET}`,
  `x; Invalid Date: ${SECRET}`,
  `x; Value "${SECRET}" does not exist in "Sex" enum.`,
];

async function messagesFor(query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const s = schema();
  const errors = validate(s, parse(query));
  if (errors.length > 0) return errors.map((error) => error.message);
  const result = await graphql({ schema: s, source: query, variableValues: variables ?? null });
  return (result.errors ?? []).map((error) => error.message);
}

describe('no rejected value survives masking, wherever graphql-js quoted it', () => {
  const operations: [string, (value: string) => [string, Record<string, unknown>?]][] = [
    ['Int variable', (v) => ['query ($n: Int) { find(first: $n) }', { n: v }]],
    ['enum variable', (v) => ['query ($s: Sex) { find(sex: $s) }', { s: v }]],
    ['DateTime variable', (v) => ['query ($t: DateTime) { find(at: $t) }', { t: v }]],
    ['nested input variable', (v) => ['query ($f: FilterInput) { find(filter: $f) }', { f: { inner: { count: v, born: v } } }]],
    ['input variable of the wrong shape', (v) => ['query ($f: FilterInput) { find(filter: $f) }', { f: v }]],
    ['list variable', (v) => ['query ($i: [ID!]) { find(ids: $i) }', { i: [{ v }] }]],
    ['Int literal', (v) => [`{ find(first: ${JSON.stringify(v)}) }`]],
    ['DateTime literal', (v) => [`{ find(at: ${JSON.stringify(v)}) }`]],
    ['enum literal', (v) => [`{ find(filter: { sex: ${JSON.stringify(v)} }) }`]],
    ['syntax error at a string', (v) => [`{ find(first: 1 ${JSON.stringify(v)}) }`]],
  ];

  it.each(operations)('%s', async (_, operation) => {
    for (const value of HOSTILE) {
      const [query, variables] = operation(value);
      const messages = await messagesFor(query, variables).catch((error: Error) => [error.message]);
      expect(messages.length, `${query} ${value}`).toBeGreaterThan(0);
      for (const message of messages) {
        const masked = withoutValues(message);
        expect(masked, `from: ${message}`).not.toContain(SECRET);
        expect(masked).not.toMatch(/Did you mean/);
      }
    }
  });

  it('keeps what tells the caller what to fix: the variable, the path and the reason', () => {
    expect(withoutValues(`Variable "$f" got invalid value "x.${SECRET}" at "f.inner.count"; Int cannot represent non-integer value: "x.${SECRET}"`)).toBe(
      'Variable "$f" has an invalid value at "f.inner.count": Int cannot represent non-integer value',
    );
    for (const reason of SCALAR_REJECTIONS) {
      expect(withoutValues(`Variable "$t" got invalid value "0000-01-01T00:00:00Z"; ${reason}`)).toBe(`Variable "$t" has an invalid value: ${reason}`);
    }
  });

  it('names the argument of a rejected variable in extensions.field', () => {
    const masked = maskError({ message: `Variable "$f" got invalid value "${SECRET}" at "f.mrn"; String cannot represent a non string value: 5`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(masked.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'f.mrn' });
    expect(maskError({ message: `Variable "$n" got invalid value "${SECRET}"; Int cannot represent non-integer value: "${SECRET}"`, extensions: { code: 'BAD_USER_INPUT' } }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'n',
    });
  });
});
