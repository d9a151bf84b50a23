import { GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import { CaregraphError } from './errors.ts';

// RFC 3339 date-times (the ISO-8601 profile the internet uses): an explicit offset is required, `Z`
// or ±hh:mm, so an instant never depends on the server's time zone; a local time without one is
// refused. Every instant is stored and returned in UTC (`Z`), so it reads the same to every client.
// Fractions of up to nine digits (Java's Instant and .NET's round-trip format send 9 and 7) are
// kept to the millisecond, what PostgreSQL's timestamp(3) columns store. RFC 3339 allows lower-case
// `t` and `z`.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
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
/** The DateTime scalar's description, the same in every SDL copy (a test holds them together). */
export const DATE_TIME_DESCRIPTION =
  'An instant, RFC 3339 with an offset (2026-01-31T12:00:00Z, 2026-01-31T13:00:00+01:00); always returned in UTC (2026-01-31T12:00:00.000Z). A time without an offset is rejected.';

export const SCALAR_REJECTIONS: ReadonlySet<string> = new Set([
  'Invalid DateTime: expected RFC 3339 with an offset, e.g. 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00',
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
  const parts = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!parts) rejectScalar('DateTime', 'expected RFC 3339 with an offset, e.g. 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00');
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [, , , , , , , fraction, , sign, offsetHours, offsetMinutes] = parts;
  if (year < 1) rejectScalar('DateTime', 'the year must be from 0001 to 9999');
  // The wall-clock fields must name a real moment (no 30 February, hour 24, minute 60, offset +25:00).
  const wallClock = new Date(0);
  wallClock.setUTCFullYear(year, month - 1, day);
  wallClock.setUTCHours(hour, minute, second, 0);
  const real =
    wallClock.getUTCFullYear() === year && wallClock.getUTCMonth() === month - 1 && wallClock.getUTCDate() === day &&
    wallClock.getUTCHours() === hour && wallClock.getUTCMinutes() === minute && wallClock.getUTCSeconds() === second &&
    Number(offsetHours ?? 0) <= 23 && Number(offsetMinutes ?? 0) <= 59;
  if (!real) rejectScalar('DateTime', 'not a calendar date-time');
  const offsetMs = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 : 0;
  const milliseconds = Number((fraction ?? '.0').slice(1, 4).padEnd(3, '0'));
  const instant = new Date(wallClock.getTime() - offsetMs + milliseconds);
  // The instant in UTC must be a storable year too (0001-01-01T00:30:00+01:00 is in year 0000).
  const utcYear = instant.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) rejectScalar('DateTime', 'the year must be from 0001 to 9999');
  return instant;
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
  description: DATE_TIME_DESCRIPTION,
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
