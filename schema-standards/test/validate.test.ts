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

  it.each([
    ['a right-to-left override', 'Smi\u202eht'],
    ['a left-to-right isolate', '\u2066Ada\u2069'],
    ['a zero-width space', 'Ada\u200bByron'],
    ['a right-to-left mark', '\u200fAda'],
    ['a byte-order mark inside', 'Ada\ufeffByron'],
    ['a joiner outside a word', '\u200dAda'],
  ])('rejects %s (an invisible formatting character)', (_, value) => {
    expect(rejectionOf(() => checkText(FIELD, value, { max: 100 })).message).toBe(
      `Invalid value for "${FIELD}": must not contain invisible formatting characters (e.g. direction overrides)`,
    );
  });

  it.each([
    ['Hangul fillers', '\u3164\u3164'],
    ['the blank Braille pattern', '\u2800'],
    ['a half-width Hangul filler between spaces', ' \uffa0 '],
    ['combining grapheme joiners', '\u034f\u034f'],
    ['variation selectors', '\ufe0f\ufe0f'],
    ['Khmer inherent vowels', '\u17b4\u17b5'],
    ['Mongolian free variation selectors', '\u180b\u180c'],
    ['combining marks on nothing', '\u0301\u0301'],
  ])('rejects a value made only of invisible letters (%s) as blank', (_, value) => {
    expect(rejectionOf(() => checkText(FIELD, value, { max: 100 })).message).toBe(`Invalid value for "${FIELD}": must not be blank`);
  });

  it('keeps the joiners that spelling needs between letters, and returns NFC', () => {
    expect(checkText(FIELD, '\u0d15\u0d4d\u200d\u0d15', { max: 100 })).toBe('\u0d15\u0d4d\u200d\u0d15');
    expect(checkText(FIELD, '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645', { max: 100 })).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645');
    // "é" as e + combining acute becomes the one precomposed character.
    expect(checkText(FIELD, 'Ame\u0301lie', { max: 100 })).toBe('Am\u00e9lie');
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
