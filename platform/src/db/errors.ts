/**
 * Whether `error` (as thrown by drizzle over postgres.js or PGlite) is a unique violation of
 * `constraint`. Drizzle wraps driver errors, so the cause chain is searched.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e instanceof Error || isRecord(e); e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: nameAlt } = e as Record<string, unknown>;
    if (code === '23505' && (name === constraint || nameAlt === constraint)) return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
