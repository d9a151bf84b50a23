import type { CombinedError } from 'urql';

/**
 * What a refused write or filter says about its inputs. The API names the input it refuses in
 * `extensions.field` and in the message (`Invalid value for "input.serialNumber": …`), a batch
 * lists every one in `extensions.problems`, and a variable the schema rejects names it in the
 * message (`Variable "$from" got invalid value …`); never the value itself.
 */
export interface InputProblems {
  /** Reason per input, keyed without the `prefix` (`serialNumber` for `input.serialNumber`). */
  fields: ReadonlyMap<string, string>;
  /** What is not about one input, in words for the user. */
  other: string[];
}

interface Problem {
  field?: unknown;
  reason?: unknown;
}

function fieldInMessage(message: string): string | null {
  return /^Invalid value for "([^"]+)"/.exec(message)?.[1] ?? / at "([^"]+)"/.exec(message)?.[1] ?? /^Variable "\$([^"]+)"/.exec(message)?.[1] ?? null;
}

function reasonIn(message: string): string {
  const invalid = /^Invalid value for "[^"]+": (.*)$/s.exec(message);
  if (invalid) return invalid[1]!;
  // A variable the schema refused: the part after the value, which may be PHI, is the reason.
  const variable = /^Variable "[^"]+" got invalid value .*?; (.*)$/s.exec(message);
  return variable ? variable[1]! : 'is not valid';
}

/** The user-facing words for an error that is not about one input. */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'The request did not reach the server. Check the connection and try again.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('SERVICE_UNAVAILABLE')) return 'A service needed for this is not answering right now. Try again in a moment.';
  if (codes.includes('FORBIDDEN') || codes.includes('MFA_REQUIRED')) return 'Your role may not do this.';
  if (codes.includes('NOT_FOUND')) return 'It was not found: it may have been removed, or it is outside your organization.';
  if (codes.includes('CONFLICT')) return 'It conflicts with what is recorded. Reload and try again.';
  if (codes.includes('RATE_LIMITED')) return 'Too many requests. Wait a moment and try again.';
  return 'The request failed. Try again.';
}

export function inputProblemsOf(error: CombinedError | undefined, prefix = 'input.'): InputProblems {
  const fields = new Map<string, string>();
  const other: string[] = [];
  if (!error) return { fields, other };
  const key = (field: string) => (field.startsWith(prefix) ? field.slice(prefix.length) : field);
  for (const e of error.graphQLErrors) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const problems = Array.isArray(e.extensions.problems) ? (e.extensions.problems as Problem[]) : [];
    for (const problem of problems) {
      if (typeof problem.field === 'string' && typeof problem.reason === 'string' && !fields.has(key(problem.field))) fields.set(key(problem.field), problem.reason);
    }
    const field = typeof e.extensions.field === 'string' ? e.extensions.field : fieldInMessage(e.message);
    if (field && !fields.has(key(field))) fields.set(key(field), reasonIn(e.message));
    else if (!field) other.push(e.message);
  }
  const refused = error.graphQLErrors.some((e) => e.extensions?.code === 'BAD_USER_INPUT');
  if (!refused || error.networkError) other.push(errorText(error));
  return { fields, other };
}

/** One sentence for a refused mutation: the reasons of the inputs it names (in `labels`' words), or what went wrong. */
export function mutationErrorText(error: CombinedError, labels: Record<string, string> = {}): string {
  const { fields, other } = inputProblemsOf(error, '');
  const named = [...fields].map(([field, reason]) => `${labels[field] ?? field}: ${reason}.`);
  return [...named, ...other].join(' ');
}
