import type { CombinedError } from 'urql';

/**
 * What an empty field means, from the API's errors (contract v2): a field the caller may not see
 * is null with FORBIDDEN, a domain that is down leaves its fields null with SERVICE_UNAVAILABLE,
 * and the rest of the answer stands.
 */
export type FieldProblem = 'restricted' | 'unavailable' | 'not-found' | 'failed';

type Path = readonly (string | number)[];

function startsWith(path: readonly (string | number)[], prefix: Path): boolean {
  return prefix.every((segment, index) => path[index] === segment);
}

/** The problem of the field at `path` (or of anything under it), or null when it was answered. */
export function problemAt(error: CombinedError | undefined, path: Path): FieldProblem | null {
  if (!error) return null;
  if (error.networkError) return 'failed';
  const related = error.graphQLErrors.filter((e) => e.path && (startsWith(e.path, path) || startsWith(path, e.path)));
  if (related.length === 0) return null;
  const codes = related.map((e) => e.extensions?.code);
  if (codes.includes('SERVICE_UNAVAILABLE')) return 'unavailable';
  if (codes.includes('FORBIDDEN')) return 'restricted';
  if (codes.includes('NOT_FOUND')) return 'not-found';
  return 'failed';
}

/** The problem of a whole answer that has no data at all (the request itself was refused or failed). */
export function requestProblem(error: CombinedError | undefined): FieldProblem | null {
  if (!error) return null;
  if (error.networkError) return 'failed';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('SERVICE_UNAVAILABLE')) return 'unavailable';
  if (codes.includes('FORBIDDEN')) return 'restricted';
  return 'failed';
}
