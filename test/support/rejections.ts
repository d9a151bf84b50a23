import { expect } from 'vitest';
import { CaregraphError } from '@caregraph/schema-standards';

/** The CaregraphError `fn` throws; fails the test when it throws nothing or something else. */
export function rejectionOf(fn: () => unknown): CaregraphError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaregraphError) return error;
    throw error;
  }
  throw new Error('expected a CaregraphError, but nothing was thrown');
}

/** The field a BAD_USER_INPUT error names; fails when the message echoes any of `secrets`. */
export function rejectedField(fn: () => unknown, ...secrets: string[]): unknown {
  const error = rejectionOf(fn);
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  for (const secret of secrets) expect(error.message).not.toContain(secret);
  return error.extensions.field;
}
