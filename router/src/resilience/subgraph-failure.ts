import { isConnectionError, wasNotSent } from '@caregraph/platform';
import { GraphQLError } from 'graphql';

/**
 * Why a subgraph could not answer. These, and only these, count against its circuit breaker and
 * make its fields `SERVICE_UNAVAILABLE`; a subgraph's verdict on the caller (401, a 400 for a bad
 * variable, a GraphQL error in a 200) is an answer, not a failure.
 */
export type FailureKind =
  /** No connection: refused, reset, name not resolved. */
  | 'unreachable'
  /** No complete answer within the time left. */
  | 'timeout'
  /** HTTP 5xx. */
  | 'http-error'
  /** An answer that is not a GraphQL response (not JSON, or JSON of another shape). */
  | 'bad-answer'
  /** Its circuit is open: not called at all. */
  | 'circuit-open';

/** Statuses worth another try: the subgraph (or a proxy in front of it) is momentarily unable. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);

export class SubgraphFailure extends Error {
  constructor(
    readonly service: string,
    readonly kind: FailureKind,
    /** Whether the request may have reached the subgraph (and a mutation taken effect). */
    readonly maybeApplied: boolean,
    readonly status?: number,
  ) {
    super(`${service}: ${kind}${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'SubgraphFailure';
  }

  /** Retrying helps only when the subgraph may be fine a moment later and time is left. */
  get retryable(): boolean {
    return this.kind === 'unreachable' || (this.kind === 'http-error' && RETRYABLE_STATUS.has(this.status ?? 0));
  }

  /** For the client: the service's name (never its URL) and, for a write, whether it may have happened. */
  messageFor(operation: 'read' | 'write'): string {
    const what = this.kind === 'timeout' ? `The ${this.service} service did not answer in time.` : `The ${this.service} service is unavailable.`;
    return operation === 'write' && this.maybeApplied ? `${what} The write may or may not have been applied.` : what;
  }
}

/**
 * Sorts what a call to a subgraph threw: availability failures become {@link SubgraphFailure};
 * anything else (an answer about the caller) is returned as it was.
 */
export function classifyFailure(service: string, error: unknown): unknown {
  if (error instanceof SubgraphFailure) return error;
  if ((error as { code?: unknown } | null)?.code === 'EOPENBREAKER') return new SubgraphFailure(service, 'circuit-open', false);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new SubgraphFailure(service, 'timeout', true);
  }
  if (isConnectionError(error)) return new SubgraphFailure(service, 'unreachable', !wasNotSent(error));
  const status = statusOf(error);
  if (status !== undefined && status >= 500) return new SubgraphFailure(service, 'http-error', true, status);
  if (error instanceof SyntaxError || (error instanceof Error && /^Expected JSON response body/.test(error.message))) {
    return new SubgraphFailure(service, 'bad-answer', true);
  }
  if (error instanceof Error && error.name === 'AnswerTooLarge') return new SubgraphFailure(service, 'bad-answer', true);
  return error;
}

/** The HTTP status the gateway's data source puts on errors of non-2xx answers. */
function statusOf(error: unknown): number | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const status = (error.extensions.response as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}
