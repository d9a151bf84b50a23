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

/**
 * Checks one text input and returns it trimmed. Errors name the field and the rule, never the value,
 * which may be PHI.
 */
export function checkText(field: string, value: string, rule: TextRule): string {
  const trimmed = value.trim();
  const min = rule.min ?? 1;
  if (CONTROL.test(trimmed)) throw badUserInput(field, 'must not contain control characters');
  if (trimmed.length < min) throw badUserInput(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (trimmed.length > rule.max) throw badUserInput(field, `must be at most ${rule.max} characters`);
  if (rule.pattern && !rule.pattern.test(trimmed)) throw badUserInput(field, rule.describe ?? 'has an invalid format');
  return trimmed;
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
