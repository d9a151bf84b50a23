import { GraphQLError } from 'graphql';

/**
 * The error catalogue: every `extensions.code` a client of caregraph can see, declared once.
 * Anything thrown that is not a {@link CaregraphError} with one of these codes is masked as
 * `INTERNAL` before it leaves a service (see `maskError`). The README's error table is generated
 * from it (`pnpm errors:table`), so a description is written for API clients, in Markdown.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No valid bearer token (HTTP 401).',
  MFA_REQUIRED: 'The role needs a second factor the token does not show (HTTP 403).',
  FORBIDDEN: 'The caller may not see this field or run this operation (the field is `null`; the rest stands). A client restricted to registered operations gets it, with HTTP 403, for any other operation.',
  NOT_FOUND: 'The record does not exist *or is outside the caller’s reach*: the two look the same.',
  BAD_USER_INPUT: 'An argument or input field is invalid; the message and `extensions.field` name it, never its value.',
  CONFLICT: 'The write conflicts with what is recorded (an observation’s idempotency key reused with a different payload).',
  RATE_LIMITED: 'Too many requests from this address or principal (HTTP 429): retry after the seconds in the `Retry-After` header.',
  SERVICE_UNAVAILABLE: 'Another domain needed for this field or write could not be reached; other fields are served.',
  INTERNAL: 'Anything unexpected; details go to the server log, never into the response.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes GraphQL servers produce for malformed requests; safe to pass through as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class CaregraphError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'CaregraphError';
  }
}

export function notFound(typename: string): CaregraphError {
  // The id is not echoed: ids of records outside the caller's reach reveal nothing either way.
  return new CaregraphError('NOT_FOUND', `${typename} not found.`);
}

/** `field` is the input path (e.g. `input.name.family`); the rejected value is never echoed. */
export function badUserInput(field: string, reason: string): CaregraphError {
  return new CaregraphError('BAD_USER_INPUT', `Invalid value for "${field}": ${reason}`, { field });
}

export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && (Object.hasOwn(ERROR_CODES, code) || REQUEST_ERROR_CODES.has(code));
}
