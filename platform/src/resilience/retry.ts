/**
 * Retries with exponential backoff and full jitter (AWS Architecture Blog, "Exponential Backoff
 * and Jitter"): the wait before retry n is uniformly random in [0, min(max, base * 2^n)], so
 * callers that failed together do not come back together.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, `shouldRetry` says no, the retries are used up, or the next
 * wait would end after `deadline` (epoch ms): a retry never makes a caller wait past its budget.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryPolicy & { deadline: number; shouldRetry(error: unknown): boolean },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry);
    } catch (error) {
      if (retry >= options.retries || !options.shouldRetry(error)) throw error;
      const delay = backoffDelay(retry, options);
      if (Date.now() + delay >= options.deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
