import { badUserInput } from './errors.ts';

/** Page size when a client gives no `first`. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first` a client may ask for; larger values are rejected, not silently clamped. */
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/**
 * Cursors are opaque to clients: base64url of a JSON tuple of the keyset values of the last row.
 * `decodeCursor` validates the shape so a forged cursor becomes BAD_USER_INPUT, never a SQL error.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the uniform error below
  }
  throw invalidCursor();
}

/** The one answer to any cursor this connection did not issue, however it is wrong. */
export function invalidCursor() {
  return badUserInput('after', 'not a cursor returned by this connection');
}

/**
 * Builds a connection from rows fetched with `limit = size + 1`: the extra row only tells whether
 * there is a next page.
 */
export function toConnection<T>(rows: T[], size: number, cursorOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
