import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { badUserInput, CaregraphError, ERROR_CODES, isPublicCode, notFound } from '../src/errors.ts';

describe('error catalogue', () => {
  it('CaregraphError is a GraphQLError stamped with its code, which extensions cannot override', () => {
    const error = new CaregraphError('FORBIDDEN', 'No.', { code: 'INTERNAL', service: 'patients' });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.name).toBe('CaregraphError');
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', service: 'patients' });
  });

  it('badUserInput names the field in message and extensions', () => {
    const error = badUserInput('input.mrn', 'must not be empty');
    expect(error.message).toBe('Invalid value for "input.mrn": must not be empty');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.mrn' });
  });

  it('notFound names the type only', () => {
    expect(notFound('Patient').message).toBe('Patient not found.');
    expect(notFound('Patient').extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('isPublicCode accepts catalogued and request-error codes only', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(isPublicCode(code)).toBe(true);
    expect(isPublicCode('GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(isPublicCode('PERSISTED_QUERY_NOT_FOUND')).toBe(true);
    for (const code of ['DOWNSTREAM_SERVICE_ERROR', 'internal', '', undefined, null, 42, { code: 'INTERNAL' }]) {
      expect(isPublicCode(code)).toBe(false);
    }
  });
});
