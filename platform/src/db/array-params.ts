import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Lists as one array parameter each (a PostgreSQL array literal cast to its type), for
 * `= any(…)` and `unnest(…)`.
 *
 * Why not one parameter per element (drizzle's `inArray`, or a multi-row VALUES): a clinician's
 * care-team panel is hundreds of ids and an ingestion batch a thousand values; every statement
 * then carried that many parameters, each built, typed and serialized on every request, with a
 * statement text (and so a prepared statement) per list length. One parameter per list keeps the
 * text fixed and the cost flat. (drizzle hands a JS array to the driver as a list, and postgres.js
 * does not serialize arrays it is given through drizzle, so the literal is written here.)
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One element of an array literal: always double-quoted, so no value can split or end the list. */
function element(value: string | number | null): string {
  if (value === null) return 'NULL';
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The array literal of `values` (`{"a","b",NULL}`), which PostgreSQL casts to any array type. */
export function arrayLiteral(values: Iterable<string | number | null>): string {
  const elements: string[] = [];
  for (const value of values) elements.push(element(value));
  return `{${elements.join(',')}}`;
}

/**
 * Ids as one `uuid[]` parameter. Ids that are not UUIDs can match no row, so they are left out
 * rather than sent (the cast would fail the whole statement).
 */
export function uuidList(ids: Iterable<string>): SQL {
  const wellFormed: string[] = [];
  for (const id of ids) if (UUID.test(id)) wellFormed.push(id);
  return sql`${`{${wellFormed.join(',')}}`}::uuid[]`;
}

/** `column = any(ids)`, with the ids as one parameter (see `uuidList`). */
export function inIds(column: AnyColumn | SQL, ids: Iterable<string>): SQL {
  return sql`${column} = any(${uuidList(ids)})`;
}

/** Strings (or nulls) as one `text[]` parameter. */
export function textList(values: Iterable<string | null>): SQL {
  return sql`${arrayLiteral(values)}::text[]`;
}
