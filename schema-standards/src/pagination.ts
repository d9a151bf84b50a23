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
 * `decodeCursor` validates strictly, so a forged cursor becomes BAD_USER_INPUT naming `after`,
 * never a SQL error: the exact text {@link encodeCursor} would have written (no padding, spaces or
 * alternative spellings), the expected number of values, and each value of a kind a keyset holds.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Longest cursor text accepted: the keysets in use encode in well under 200 characters. */
const MAX_CURSOR_LENGTH = 512;
// Instants between 0001-01-01 and 9999-12-31 (what PostgreSQL and the DateTime scalar both hold).
const MIN_INSTANT_MS = -62_135_596_800_000;
const MAX_INSTANT_MS = 253_402_300_799_999;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
// A short name (an audit chain: `patients`, `patients:3`); it cannot start like a number or a date.
const NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/**
 * What a keyset value may be: an integer (an instant in milliseconds or a sequence number) within
 * the instants the database holds, a UUID, an ISO-8601 UTC instant of years 0001-9999, or a short
 * name. Anything else (1e308, 0.5, a year-0 date, a NUL byte) was not written by a connection.
 */
function isKeysetValue(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= MIN_INSTANT_MS && value <= MAX_INSTANT_MS;
  if (typeof value !== 'string') return false;
  if (UUID.test(value) || NAME.test(value)) return true;
  const instant = INSTANT.exec(value);
  if (!instant || Number(instant[1]) < 1) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === value.slice(0, 19);
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor == null) return null;
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalidCursor();
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every(isKeysetValue) && encodeCursor(values) === cursor) {
      return values;
    }
  } catch {
    // fall through to the uniform error below
  }
  throw invalidCursor();
}

/** What one position of a keyset holds, and so what a cursor may carry there. */
export type KeysetKind = 'instant' | 'uuid' | 'name' | 'count';
type KeysetValue<K extends KeysetKind> = K extends 'instant' ? Date : K extends 'count' ? number : string;

function keysetValue(kind: KeysetKind, value: string | number): Date | string | number | null {
  switch (kind) {
    case 'instant': {
      // An ISO-8601 UTC instant or epoch milliseconds, as encodeCursor wrote it: nothing a lenient
      // date parser would stretch into another year ("Jan-1-10000" is a NAME, not an instant).
      if (typeof value === 'number') return new Date(value);
      return INSTANT.test(value) ? new Date(value) : null;
    }
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : null;
    case 'name':
      return typeof value === 'string' && NAME.test(value) ? value : null;
    case 'count':
      return typeof value === 'number' && value >= 0 ? value : null;
  }
}

/**
 * Decodes a cursor whose keyset holds these kinds, position by position, so every value reaching
 * SQL is of the type its column has: BAD_USER_INPUT naming `after` otherwise.
 */
export function decodeKeyset<const K extends readonly KeysetKind[]>(
  cursor: string | null | undefined,
  kinds: K,
): { [I in keyof K]: KeysetValue<K[I]> } | null {
  const values = decodeCursor(cursor, kinds.length);
  if (!values) return null;
  const typed = kinds.map((kind, i) => keysetValue(kind, values[i]!));
  if (typed.some((value) => value === null)) throw invalidCursor();
  return typed as { [I in keyof K]: KeysetValue<K[I]> };
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
