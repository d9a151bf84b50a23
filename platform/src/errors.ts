import type { GraphQLFormattedError } from 'graphql';
import { isPublicCode } from '@caregraph/schema-standards';

/** Extension keys a client may see: the code, the offending input field, the failing service. */
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'serviceName', 'service']);

/**
 * `formatError` for every service: errors from the catalogue pass; anything else (a database error,
 * a bug, a subgraph's raw failure) becomes a bare INTERNAL error, so no SQL, stack trace or internal
 * URL reaches a client. The original is logged with the request's path.
 */
export function maskError(formatted: GraphQLFormattedError, original?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isPublicCode(code)) {
    // An allow-list, not a deny-list: the gateway, for one, adds the subgraph's URL and response
    // body to extensions, and those must never reach a client.
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)),
    );
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
