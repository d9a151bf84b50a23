import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import { maskError, withoutValues } from '../src/errors.ts';

const INTERNAL_URL = 'http://patients.internal:4001/graphql';
const MASKED = { message: 'Internal server error', path: ['patient', 'ageBand'], extensions: { code: 'INTERNAL' } };

describe('maskError', () => {
  // The platform's log: JSON lines on stdout.
  let stdout: MockInstance<typeof process.stdout.write>;
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stdout.mockRestore();
  });

  it('passes a catalogued error unchanged apart from its extensions', () => {
    const formatted: GraphQLFormattedError = {
      message: 'Invalid value for "input.mrn": must not be empty',
      locations: [{ line: 2, column: 3 }],
      path: ['createPatient'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.mrn' },
    };
    expect(maskError(formatted)).toEqual(formatted);
    expect(stdout).not.toHaveBeenCalled();
  });

  it('keeps only code, field, serviceName and service of a catalogued error', () => {
    const masked = maskError({
      message: 'The patients service is unavailable.',
      path: ['patient'],
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        serviceName: 'patients',
        service: 'patients',
        response: { url: INTERNAL_URL, status: 502, body: 'upstream connect error' },
        exception: { stacktrace: ['Error: connect ECONNREFUSED', '    at TCPConnectWrap.afterConnect'] },
        stacktrace: ['Error: connect ECONNREFUSED'],
        sql: 'select * from patients.patients',
      },
    });
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'patients', service: 'patients' });
    expect(JSON.stringify(masked)).not.toMatch(/internal:4001|stacktrace|ECONNREFUSED|select/);
  });

  it('passes request errors from the GraphQL server', () => {
    const formatted = { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(maskError(formatted)).toEqual(formatted);
  });

  it('masks an unknown code as INTERNAL, keeping only the path', () => {
    const masked = maskError({
      message: `connect ECONNREFUSED ${INTERNAL_URL}`,
      locations: [{ line: 1, column: 1 }],
      path: ['patient', 'ageBand'],
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'patients', stacktrace: ['Error: at db.ts:12'] },
    });
    expect(masked).toEqual(MASKED);
  });

  it.each([
    ['no extensions', undefined],
    ['no code', { field: 'input.mrn' }],
    ['a non-string code', { code: 42 }],
    ['a lower-case catalogue code', { code: 'bad_user_input' }],
  ])('masks an error with %s', (_, extensions) => {
    const formatted: GraphQLFormattedError = {
      message: 'relation "patients" does not exist',
      path: ['patient', 'ageBand'],
      ...(extensions ? { extensions } : {}),
    };
    expect(maskError(formatted)).toEqual(MASKED);
  });

  it('omits the path when the error has none', () => {
    expect(maskError({ message: 'boom' })).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
  });

  it('logs the original cause of a masked error, with its path, for operators', () => {
    const cause = new Error('duplicate key value violates unique constraint');
    maskError({ message: 'Unexpected error.', path: ['createPatient'] }, new Error('wrapped', { cause }));
    expect(stdout).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(stdout.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ msg: 'internal error', path: 'createPatient' });
    expect(line.detail).toContain('duplicate key value violates unique constraint');
  });
});

describe('maskError and inherited property names', () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('treats codes named like Object.prototype members as unknown', () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(maskError({ message: 'duplicate key', extensions: { code } }).extensions).toEqual({ code: 'INTERNAL' });
    }
  });
});

describe('withoutValues', () => {
  it.each([
    [
      'Variable "$input" got invalid value "1990-02-30-SECRET" at "input.birthDate"; Invalid Date: expected YYYY-MM-DD',
      'Variable "$input" has an invalid value at "input.birthDate": Invalid Date: expected YYYY-MM-DD',
    ],
    [
      'Variable "$first" got invalid value "Okafor"; Int cannot represent non-integer value: "Okafor"',
      'Variable "$first" has an invalid value: Int cannot represent non-integer value',
    ],
    [
      'Variable "$input" got invalid value "WOMAN" at "input.sex"; Value "WOMAN" does not exist in "Sex" enum. Did you mean the enum value "MALE"?',
      'Variable "$input" has an invalid value at "input.sex": The value does not exist in "Sex" enum.',
    ],
    ['Cannot query field "patiens" on type "Query". Did you mean "patients" or "patient"?', 'Cannot query field "patiens" on type "Query".'],
    ['Expected value of type "Int", found "MRN-1-00042".', 'Expected value of type "Int".'],
  ])('%s', (message, expected) => {
    expect(withoutValues(message)).toBe(expected);
  });
});
