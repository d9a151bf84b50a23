import { describe, expect, it } from 'vitest';
import { parseValue as parseLiteralText } from 'graphql';
import { DateScalar, DateTimeScalar, JSONScalar, parseDate, parseDateTime, scalarResolvers } from '../src/scalars.ts';
import { rejectionOf } from '../../test/support/rejections.ts';

describe('DateTime scalar', () => {
  it('accepts RFC 3339 in UTC and returns the instant', () => {
    expect(parseDateTime('2026-01-31T12:00:00Z').getTime()).toBe(Date.UTC(2026, 0, 31, 12));
    expect(parseDateTime('2026-01-31T12:00:00.123456Z').toISOString()).toBe('2026-01-31T12:00:00.123Z');
    expect(parseDateTime('2024-02-29T23:59:59Z').toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });

  it('accepts what Java, .NET and RFC 3339 write: up to nine fraction digits (kept to the millisecond), lower-case t and z', () => {
    expect(parseDateTime('2025-07-14T12:00:00.123456789Z').toISOString()).toBe('2025-07-14T12:00:00.123Z');
    expect(parseDateTime('2025-07-14T12:00:00.9999999+00:00').toISOString()).toBe('2025-07-14T12:00:00.999Z');
    expect(parseDateTime('2025-07-14t12:00:00.5z').toISOString()).toBe('2025-07-14T12:00:00.500Z');
  });

  it('accepts an offset and returns the same instant in UTC', () => {
    expect(parseDateTime('2025-07-14T14:00:00+02:00').toISOString()).toBe('2025-07-14T12:00:00.000Z');
    expect(parseDateTime('2025-07-14T12:00:00+00:00').toISOString()).toBe('2025-07-14T12:00:00.000Z');
    expect(parseDateTime('2025-07-14T12:00:00-00:00').toISOString()).toBe('2025-07-14T12:00:00.000Z');
    expect(parseDateTime('2025-07-14T07:30:00.250-04:30').toISOString()).toBe('2025-07-14T12:00:00.250Z');
    // Across midnight and a month end: the calendar is checked on the wall clock, the instant in UTC.
    expect(parseDateTime('2026-03-01T00:30:00+01:00').toISOString()).toBe('2026-02-28T23:30:00.000Z');
    expect(parseDateTime('2026-12-31T23:00:00-05:00').toISOString()).toBe('2027-01-01T04:00:00.000Z');
  });

  it.each([
    ['an offset past 23 hours', '2025-07-14T12:00:00+24:00'],
    ['an offset minute past 59', '2025-07-14T12:00:00+02:60'],
    ['an offset without a colon', '2025-07-14T12:00:00+0200'],
    ['an hour-only offset', '2025-07-14T12:00:00+02'],
    ['an instant in year 0000 once in UTC', '0001-01-01T00:30:00+01:00'],
    ['no zone', '2025-07-14T12:00:00'],
    ['a date only', '2025-07-14'],
    ['a space instead of T', '2025-07-14 12:00:00Z'],
    ['more than nine fraction digits', '2025-07-14T12:00:00.1234567891Z'],
    ['garbage', 'next Tuesday'],
    ['an empty string', ''],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2025-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2025-07-14T24:00:00Z'],
    ['minute 60', '2025-07-14T12:60:00Z'],
  ])('rejects %s without echoing it', (_, value) => {
    const error = rejectionOf(() => parseDateTime(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Invalid DateTime/);
    if (value) expect(error.message).not.toContain(value);
  });

  it.each([[Date.UTC(2026, 0, 31)], [new Date('2026-01-31T12:00:00Z')], [null], [undefined], [{}], [true]])(
    'rejects the non-string %s',
    (value) => {
      expect(rejectionOf(() => DateTimeScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
    },
  );

  it('parses string literals and rejects literals of another kind', () => {
    expect(DateTimeScalar.parseLiteral(parseLiteralText('"2026-01-31T12:00:00Z"'))).toEqual(new Date(Date.UTC(2026, 0, 31, 12)));
    for (const literal of ['1769860800000', '12.5', 'true', 'null', 'TODAY', '["2026-01-31T12:00:00Z"]', '{ at: "x" }']) {
      expect(rejectionOf(() => DateTimeScalar.parseLiteral(parseLiteralText(literal))).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(DateTimeScalar.parseLiteral(parseLiteralText('"2026-01-31T14:00:00+02:00"'))).toEqual(new Date(Date.UTC(2026, 0, 31, 12)));
    expect(rejectionOf(() => DateTimeScalar.parseLiteral(parseLiteralText('"2026-01-31T12:00:00"'))).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serializes Dates and date strings to ISO-8601 in UTC', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 0, 31, 12)))).toBe('2026-01-31T12:00:00.000Z');
    expect(DateTimeScalar.serialize('2026-01-31T14:00:00+02:00')).toBe('2026-01-31T12:00:00.000Z');
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('Date scalar', () => {
  it('accepts calendar dates as YYYY-MM-DD and returns them unchanged', () => {
    expect(parseDate('2026-01-31')).toBe('2026-01-31');
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(DateScalar.parseLiteral(parseLiteralText('"1900-01-01"'))).toBe('1900-01-01');
  });

  const NOT_DATES = ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '31/01/2026'];
  it.each([...NOT_DATES, '2026-01-31T00:00:00Z', 'soon', ''])('rejects %j without echoing it', (value) => {
    const error = rejectionOf(() => parseDate(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Invalid Date/);
    if (value) expect(error.message).not.toContain(value);
  });

  it('rejects non-strings and non-string literals', () => {
    for (const value of [20260131, new Date('2026-01-31'), null, undefined, ['2026-01-31']]) {
      expect(rejectionOf(() => DateScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(rejectionOf(() => DateScalar.parseLiteral(parseLiteralText('20260131'))).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serializes Dates to their UTC calendar date and validates strings', () => {
    expect(DateScalar.serialize(new Date(Date.UTC(2026, 0, 31, 23, 59)))).toBe('2026-01-31');
    expect(DateScalar.serialize('2026-01-31')).toBe('2026-01-31');
    expect(rejectionOf(() => DateScalar.serialize('2026-02-30')).extensions.code).toBe('BAD_USER_INPUT');
  });
});

it('scalarResolvers maps each schema name to its scalar', () => {
  expect(scalarResolvers).toEqual({ DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar });
  expect(DateTimeScalar.name).toBe('DateTime');
  expect(DateScalar.name).toBe('Date');
  expect(JSONScalar.name).toBe('JSON');
});

describe('JSON scalar', () => {
  it('passes JSON values through, in variables and in literals', () => {
    const value = { a: [1, 'two', true, null], b: { c: 1.5 } };
    expect(JSONScalar.parseValue(value)).toEqual(value);
    expect(JSONScalar.serialize(value)).toEqual(value);
    expect(JSONScalar.parseLiteral(parseLiteralText('{ a: [1, "two", true, null], b: { c: 1.5 } }'))).toEqual(value);
  });

  it.each([
    ['a function', () => 1],
    ['a non-finite number', Number.NaN],
    ['a bigint', 1n],
    ['a Date (not a JSON value; use DateTime)', new Date(0)],
    ['undefined inside an object', { a: undefined }],
  ])('rejects %s', (_, value) => {
    expect(rejectionOf(() => JSONScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
  });
});
