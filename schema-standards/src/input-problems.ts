import { badUserInput, CaregraphError, type ErrorCode } from './errors.ts';

/** One invalid input field: its path (`input[3].value`) and why, never its value. */
export interface InputProblem {
  field: string;
  reason: string;
}

/** The message names at most this many fields; `extensions.problems` lists every one. */
const FIELDS_IN_MESSAGE = 10;

/**
 * Every invalid field of one input in one error, so a sender fixes a batch in one round trip
 * instead of one bad item per try. `extensions.field` is the first field (as for any
 * BAD_USER_INPUT); `extensions.problems` holds them all, each with its reason.
 */
export function inputProblems(problems: readonly InputProblem[], code: ErrorCode = 'BAD_USER_INPUT'): CaregraphError {
  const [first] = problems;
  if (!first) throw new Error('inputProblems needs at least one problem');
  if (problems.length === 1) {
    const error = code === 'BAD_USER_INPUT' ? badUserInput(first.field, first.reason) : new CaregraphError(code, `"${first.field}" ${first.reason}.`, { field: first.field });
    error.extensions.problems = [{ field: first.field, reason: first.reason }];
    return error;
  }
  const named = problems.slice(0, FIELDS_IN_MESSAGE).map((p) => `"${p.field}" ${p.reason}`);
  const more = problems.length > FIELDS_IN_MESSAGE ? `; and ${problems.length - FIELDS_IN_MESSAGE} more (see extensions.problems)` : '';
  const what = code === 'NOT_FOUND' ? 'Not found' : 'Invalid values';
  return new CaregraphError(code, `${what} in ${problems.length} fields: ${named.join('; ')}${more}`, {
    field: first.field,
    problems: problems.map(({ field, reason }) => ({ field, reason })),
  });
}

/** Collects problems while an input is checked; throws them together at the end. */
export class ProblemList {
  readonly problems: InputProblem[] = [];

  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(code: ErrorCode = 'BAD_USER_INPUT'): void {
    if (!this.empty) throw inputProblems(this.problems, code);
  }
}
