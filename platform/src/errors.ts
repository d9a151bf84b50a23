import type { GraphQLFormattedError } from 'graphql';
import { isPublicCode } from '@caregraph/schema-standards';

/**
 * `formatError` for every service: errors from the catalogue pass; anything else (a database error,
 * a bug, a subgraph's raw failure) becomes a bare INTERNAL error, so no SQL, stack trace or internal
 * URL reaches a client. The original is logged with the request's path.
 */
export function maskError(formatted: GraphQLFormattedError, original?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isPublicCode(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logInternalError(formatted, original);
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL' },
  };
}

function logInternalError(formatted: GraphQLFormattedError, original: unknown): void {
  const cause = original instanceof Error ? (original.cause ?? original) : original;
  const detail = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause ?? formatted.message);
  // Internal errors are for operators; never PHI: messages from our code carry ids, not values.
  process.stderr.write(`[caregraph] internal error at ${formatted.path?.join('.') ?? '-'}: ${detail}\n`);
}
