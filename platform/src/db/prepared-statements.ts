import type { StatementHook } from './statement-hook.ts';

/**
 * postgres.js prepares a statement only when asked, and drizzle asks only for statements it was
 * told to name, so by default PostgreSQL parses and plans every statement anew. This hook asks for
 * every statement with parameters: postgres.js then prepares each distinct text once per connection
 * and afterwards only binds and executes it (and re-prepares by itself after a schema change).
 *
 * It needs statement texts from a bounded set: lists go in as one array parameter (`array-params.ts`),
 * not one parameter each. Behind a transaction-mode pooler (PgBouncer before 1.21), turn it off
 * with `DATABASE_PREPARE=false`.
 */
export const preparedStatements: StatementHook = (statement, rest, run) => {
  const [parameters, options] = rest as [unknown[] | undefined, Record<string, unknown> | undefined];
  // Without parameters postgres.js uses the simple protocol, which has nothing to prepare.
  if (!Array.isArray(parameters) || parameters.length === 0) return run(statement, rest);
  return run(statement, [parameters, { ...options, prepare: true }]);
};
