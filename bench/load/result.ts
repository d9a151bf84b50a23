/** What one load run measured, whichever generator drove it. Latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx, or 2xx GraphQL answers carrying `errors`, and connection errors. */
  failures: number;
}

/** Percentile of sorted latencies (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Whether a response body is a GraphQL answer with errors (the status of such an answer is often 200). */
export function hasGraphQLErrors(body: string): boolean {
  return body.includes('"errors"');
}
