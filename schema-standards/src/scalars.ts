import { GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import { CaregraphError } from './errors.ts';

// Strict ISO-8601 with an explicit UTC designator; local times and other offsets are rejected so that
// every stored instant means the same thing to every client.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Years a date may have: 0001-9999. Year 0000 is no year of the calendar PostgreSQL stores (it
 * refuses it, as it refuses expanded years such as +275760), so it is refused here, by name.
 */
function hasStoredYear(value: string): boolean {
  return Number(value.slice(0, 4)) >= 1;
}

/**
 * Every message a scalar of the standard rejects a value with. None holds the value, and the
 * error masking (platform `withoutValues`) passes exactly these on, so a reason forged inside a
 * rejected value can never be mistaken for one.
 */
export const SCALAR_REJECTIONS: ReadonlySet<string> = new Set([
  'Invalid DateTime: expected ISO-8601 UTC, e.g. 2026-01-31T12:00:00Z',
  'Invalid DateTime: the year must be from 0001 to 9999',
  'Invalid DateTime: not a calendar date-time',
  'Invalid DateTime: expected a string',
  'Invalid Date: expected YYYY-MM-DD',
  'Invalid Date: the year must be from 0001 to 9999',
  'Invalid Date: not a calendar date',
  'Invalid Date: expected a string',
  'Invalid JSON: not a JSON value (functions, non-finite numbers and the like are not)',
]);

function rejectScalar(name: string, reason: string): never {
  const message = `Invalid ${name}: ${reason}`;
  // A message missing from the list would be masked to a generic reason: keep them together.
  if (!SCALAR_REJECTIONS.has(message)) throw new Error(`scalar rejection not listed in SCALAR_REJECTIONS: ${message}`);
  throw new CaregraphError('BAD_USER_INPUT', message);
}

export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    rejectScalar('DateTime', 'expected ISO-8601 UTC, e.g. 2026-01-31T12:00:00Z');
  }
  if (!hasStoredYear(value)) rejectScalar('DateTime', 'the year must be from 0001 to 9999');
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.slice(0, 10)) {
    rejectScalar('DateTime', 'not a calendar date-time');
  }
  return date;
}

export function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value)) rejectScalar('Date', 'expected YYYY-MM-DD');
  if (!hasStoredYear(value)) rejectScalar('Date', 'the year must be from 0001 to 9999');
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    rejectScalar('Date', 'not a calendar date');
  }
  return value;
}

function literalString(ast: ValueNode, name: string): string {
  if (ast.kind !== Kind.STRING) rejectScalar(name, 'expected a string');
  return ast.value;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  // Same text as sdl/standard.graphql (a test holds them together).
  description: 'An instant, ISO-8601 in UTC (e.g. 2026-01-31T12:00:00.000Z); any other offset is rejected.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
});

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO-8601 (YYYY-MM-DD), no time zone.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

/** Values JSON can carry; functions, symbols, bigints and non-finite numbers are not among them. */
function checkJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((item) => checkJson(item));
  // Plain objects only; graphql-js builds literal objects without a prototype.
  const prototype = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(Object.entries(value as object).map(([key, item]) => [key, checkJson(item)]));
  }
  // Where in the value is not told: its keys are the caller's text.
  return rejectScalar('JSON', 'not a JSON value (functions, non-finite numbers and the like are not)');
}

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value (object, array, string, number, boolean or null); its shape is not part of the schema.',
  serialize: (value) => checkJson(value),
  parseValue: (value) => checkJson(value),
  // Variables inside a literal are substituted by graphql-js before this sees them.
  parseLiteral: (ast, variables) => checkJson(valueFromASTUntyped(ast, variables)),
});

/** Resolver map entries for every scalar of the standard; spread into a subgraph's resolvers. */
export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar };
