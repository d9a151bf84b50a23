import { describe, expect, it } from 'vitest';
import { checkId, checkOptionalText, checkText } from '../src/validate.ts';
import { rejectionOf } from '../../test/support/rejections.ts';

const FIELD = 'input.name.family';
const NAME = { max: 10 };

describe('checkText', () => {
  it('returns the value trimmed', () => {
    expect(checkText(FIELD, '  Lovelace \t', NAME)).toBe('Lovelace');
  });

  it('applies the length limits to the trimmed value', () => {
    expect(checkText(FIELD, `  ${'x'.repeat(10)}  `, NAME)).toBe('x'.repeat(10));
    expect(rejectionOf(() => checkText(FIELD, 'x'.repeat(11), NAME)).message).toBe(
      `Invalid value for "${FIELD}": must be at most 10 characters`,
    );
    expect(checkText(FIELD, 'abc', { min: 3, max: 10 })).toBe('abc');
    expect(rejectionOf(() => checkText(FIELD, ' ab ', { min: 3, max: 10 })).message).toContain('must be at least 3 characters');
  });

  it.each(['', '   ', '\t\n'])('rejects the blank value %j as empty', (value) => {
    expect(rejectionOf(() => checkText(FIELD, value, NAME)).message).toBe(`Invalid value for "${FIELD}": must not be empty`);
  });

  it.each([
    ['NUL', 'Ada\u0000Byron'],
    ['escape', 'Ada\u001b[2J'],
    ['an inner line break', 'Ada\nByron'],
    ['DEL', 'Ada\u007f'],
    ['a C1 control', 'Ada\u0085Byron'],
  ])('rejects %s inside the value', (_, value) => {
    expect(rejectionOf(() => checkText(FIELD, value, { max: 100 })).message).toBe(
      `Invalid value for "${FIELD}": must not contain control characters`,
    );
  });

  it('checks the pattern against the trimmed value and says the rule in words', () => {
    const MRN = { max: 20, pattern: /^[A-Z]+-\d+$/, describe: 'must look like ABC-123' };
    expect(checkText('input.mrn', ' MRN-42 ', MRN)).toBe('MRN-42');
    expect(rejectionOf(() => checkText('input.mrn', 'mrn 42', MRN)).message).toBe(
      'Invalid value for "input.mrn": must look like ABC-123',
    );
    const undescribed = { ...MRN, describe: undefined };
    expect(rejectionOf(() => checkText('input.mrn', 'mrn 42', undescribed)).message).toContain('has an invalid format');
  });

  it('errors are BAD_USER_INPUT naming the field, never the value', () => {
    const secret = 'Byron-Lovelace-Secret';
    const error = rejectionOf(() => checkText(FIELD, secret, NAME));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: FIELD });
    expect(error.message).toContain(FIELD);
    expect(error.message).not.toContain(secret);
    expect(rejectionOf(() => checkText(FIELD, `${secret}\u0000`, { max: 100 })).message).not.toContain(secret);
  });
});

describe('checkOptionalText', () => {
  it.each([null, undefined, '', '   '])('turns %j into null', (value) => {
    expect(checkOptionalText(FIELD, value, NAME)).toBeNull();
  });

  it('checks and trims a present value', () => {
    expect(checkOptionalText(FIELD, ' Ada ', NAME)).toBe('Ada');
    expect(rejectionOf(() => checkOptionalText(FIELD, 'x'.repeat(11), NAME)).extensions.field).toBe(FIELD);
    expect(rejectionOf(() => checkOptionalText(FIELD, 'A\u0000', NAME)).extensions.field).toBe(FIELD);
  });
});

describe('checkId', () => {
  it('returns a valid id and rejects others without echoing them', () => {
    const isDigits = (value: string) => /^\d+$/.test(value);
    expect(checkId('id', '123', isDigits)).toBe('123');
    const error = rejectionOf(() => checkId('id', 'abc-secret', isDigits));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(error.message).not.toContain('abc-secret');
  });
});
