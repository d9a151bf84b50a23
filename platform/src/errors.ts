import type { GraphQLFormattedError } from 'graphql';
import { isPublicCode } from '@caregraph/schema-standards';
import { log } from './log/logger.ts';
import { variableError, withoutValues } from './values-in-messages.ts';

export { withoutValues } from './values-in-messages.ts';

/**
 * Extension keys a client may see: the code, the offending input field, every invalid field of a
 * batch with its reason (`problems`, built only by schema-standards' inputProblems: paths and
 * reasons, never values), the failing service.
 */
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'problems', 'serviceName', 'service']);

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
    // A rejected variable names the argument it was for, as BAD_USER_INPUT raised by resolvers does.
    const variable = code === 'BAD_USER_INPUT' && extensions['field'] === undefined ? variableError(formatted.message) : null;
    if (variable) extensions['field'] = variable.field;
    return { ...formatted, message: withoutValues(formatted.message), extensions };
  }
  logInternalError(formatted, original);
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL' },
  };
}

function logInternalError(formatted: GraphQLFormattedError, original: unknown): void {
  // The innermost cause: drizzle wraps driver errors in one whose message holds the query and its
  // parameters, which may be PHI. The driver's own message names the problem without values.
  let cause: unknown = original;
  for (let next = innerError(cause); next !== undefined; next = innerError(cause)) cause = next;
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause ?? formatted.message);
  log.error({ path: formatted.path?.join('.') ?? null, detail }, 'internal error');
}

function innerError(error: unknown): unknown {
  if (!(error instanceof Error)) return undefined;
  return (error as { originalError?: unknown }).originalError ?? error.cause;
}
