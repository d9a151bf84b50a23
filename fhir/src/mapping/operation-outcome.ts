import type { OperationOutcome } from '@medplum/fhirtypes';

/** FHIR issue types (R4 IssueType) for what the FHIR face refuses; the HTTP status goes with each. */
export const OUTCOMES = {
  'not-found': 404,
  login: 401,
  forbidden: 403,
  invalid: 400,
  'not-supported': 400,
  exception: 500,
  transient: 503,
} as const;
export type OutcomeCode = keyof typeof OUTCOMES;

/**
 * An error as FHIR says to answer one: an OperationOutcome with one issue, what went wrong in
 * `diagnostics` (never a value the caller sent: it may be PHI), the offending parameter in `expression`.
 */
export function operationOutcome(code: OutcomeCode, diagnostics: string, expression?: string): { status: number; body: OperationOutcome } {
  return {
    status: OUTCOMES[code],
    body: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: code === 'transient' ? 'error' : code === 'exception' ? 'fatal' : 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }],
    },
  };
}
