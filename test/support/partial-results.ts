import { expect } from 'vitest';
import type { GraphQLResponse } from './graphql-client.ts';

type Path = readonly (string | number)[];

/**
 * Contract v2: an error stands at the field that failed or was refused, which is `null`, and its
 * parent (and so its siblings) stands. A non-null field that errs would null its parent instead:
 * a refused `accessLog` would take the whole patient with it. A parent may be null only where it
 * failed itself (an error at its own path, e.g. NOT_FOUND); an entity reference that failed to
 * resolve keeps its key and nothing else.
 */
export function expectErrorsAtTheirFields(response: GraphQLResponse): void {
  const failedAt = new Set((response.errors ?? []).flatMap((error) => (error.path ? [JSON.stringify(error.path)] : [])));
  for (const error of response.errors ?? []) {
    if (!error.path) continue; // a request-level error (401, a validation error): no data at all
    const path: Path = error.path;
    expect(response.data, `data beside the error at ${path.join('.')}`).toBeTruthy();
    let parent: unknown = response.data;
    for (let depth = 0; depth < path.length - 1; depth++) {
      parent = (parent as Record<string | number, unknown>)[path[depth]!];
      const at = path.slice(0, depth + 1);
      if (parent === null && failedAt.has(JSON.stringify(at))) return;
      expect(parent, `${at.join('.')} (parent of the error at ${path.join('.')}: ${error.extensions?.code})`).toBeTruthy();
    }
    const value = (parent as Record<string | number, unknown>)[path.at(-1)!];
    // An entity whose reference could not be resolved stays as its key, every other field null.
    if (value !== null && typeof value === 'object') expectOnlyKeyLeft(value as Record<string, unknown>, path);
    else expect(value, `the field ${path.join('.')} in error`).toBeNull();
  }
}

function expectOnlyKeyLeft(entity: Record<string, unknown>, path: Path): void {
  for (const [field, value] of Object.entries(entity)) {
    if (field !== 'id' && field !== '__typename') expect(value, `${path.join('.')}.${field} of an entity in error`).toBeNull();
  }
}
