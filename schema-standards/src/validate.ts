import { badUserInput } from './errors.ts';

// C0/C1 control characters have no place in any text field and break logs and exports.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether text holds a C0 or C1 control character (NUL, line breaks and tabs included). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

export interface TextRule {
  min?: number;
  max: number;
  /** What the value must look like; `describe` says it in words for the error. */
  pattern?: RegExp;
  describe?: string;
}

// Format characters (Unicode Cf) are invisible and change how text around them shows: bidirectional
// overrides and isolates make "Smith" display as something else, zero-width spaces make two equal-
// looking names different. The joiners (ZWJ, ZWNJ) are the exception: between two letters they are
// part of correct spelling in several scripts (Malayalam, Persian, Sinhala).
const FORMAT = /\p{Cf}/u;
const JOINER_BETWEEN_LETTERS = /(?<=\p{L}\p{M}*)[\u200c\u200d](?=\p{L})/gu;
// What renders as nothing: the code points Unicode says to ignore when displaying (variation
// selectors, the combining grapheme joiner, Mongolian free variation selectors, Khmer inherent
// vowels...), letters drawn blank (Hangul fillers, the blank Braille pattern), and whitespace.
// A value must keep something visible once these are gone: a letter, a digit, a sign or a mark on one.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0\u2800\s]/gu;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Whether text holds a format character other than a joiner between two letters. */
export function hasFormatCharacters(value: string): boolean {
  return FORMAT.test(value.replace(JOINER_BETWEEN_LETTERS, ''));
}

/** Text as caregraph stores it: Unicode NFC (one spelling for one text, so a name typed on two keyboards compares, sorts and searches alike), trimmed. */
export function normalizedText(value: string): string {
  return value.normalize('NFC').trim();
}

/** Why `value` breaks `rule`, in words that never quote it; null when it does not. */
export function textProblem(value: string, rule: TextRule): string | null {
  const text = normalizedText(value);
  const min = rule.min ?? 1;
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (hasFormatCharacters(text)) return 'must not contain invisible formatting characters (e.g. direction overrides)';
  if (text.length > 0 && !VISIBLE.test(text.replace(INVISIBLE, ''))) return 'must not be blank';
  if (text.length < min) return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
  if (text.length > rule.max) return `must be at most ${rule.max} characters`;
  if (rule.pattern && !rule.pattern.test(text)) return rule.describe ?? 'has an invalid format';
  return null;
}

/**
 * Checks one text input and returns it normalized ({@link normalizedText}). Errors name the field
 * and the rule, never the value, which may be PHI.
 */
export function checkText(field: string, value: string, rule: TextRule): string {
  const problem = textProblem(value, rule);
  if (problem) throw badUserInput(field, problem);
  return normalizedText(value);
}

/** Like {@link checkText} for optional fields: null, undefined and blank become null. */
export function checkOptionalText(field: string, value: string | null | undefined, rule: TextRule): string | null {
  if (value == null || value.trim() === '') return null;
  return checkText(field, value, rule);
}

export function checkId(field: string, value: string, isValid: (v: string) => boolean): string {
  if (!isValid(value)) throw badUserInput(field, 'is not a valid id');
  return value;
}
