import { GraphQLError } from 'graphql';

/**
 * The error catalogue: every `extensions.code` a client of caregraph can see, declared once.
 * Anything thrown that is not a {@link CaregraphError} with one of these codes is masked as
 * `INTERNAL` before it leaves a service (see `maskError`).
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No valid credentials were presented.',
  FORBIDDEN: 'The caller may not see or change this field or record.',
  MFA_REQUIRED: 'The caller’s role requires multi-factor authentication.',
  NOT_FOUND: 'The record does not exist or is outside the caller’s reach.',
  BAD_USER_INPUT: 'An argument or input field is invalid; the message names it.',
  CONFLICT: 'The write conflicts with the current state (e.g. an idempotency key reused with a different payload).',
  RATE_LIMITED: 'Too many requests; retry after the indicated delay.',
  SERVICE_UNAVAILABLE: 'A service needed for this field is unavailable; other fields are served.',
  INTERNAL: 'An unexpected error; details are in the server log, never in the response.',
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
