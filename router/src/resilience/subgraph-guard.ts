import { measureFetch } from '../subgraph-metrics.ts';
import type CircuitBreaker from 'opossum';
import { withRetries, type ResilienceConfig } from '@caregraph/platform';
import { breakerState, createCircuitBreaker, type BreakerState } from './circuit-breaker.ts';
import { classifyFailure, SubgraphFailure } from './subgraph-failure.ts';

/** One attempt at a subgraph call; it must stop (and release its connection) when `signal` aborts. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Everything between the router and one subgraph's answer: a deadline, retries with backoff for
 * calls that may be repeated, and the subgraph's circuit breaker, which sees every attempt.
 */
export class SubgraphGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(
    readonly service: string,
    private readonly settings: ResilienceConfig,
  ) {
    this.breaker = createCircuitBreaker(service, settings);
  }

  /** The longest one fetch of this subgraph may take, retries included. */
  get timeoutMs(): number {
    return this.settings.subgraphTimeoutOverrides[this.service] ?? this.settings.subgraphTimeoutMs;
  }

  get state(): BreakerState {
    return breakerState(this.breaker);
  }

  /**
   * Runs `attempt` until it answers, by `deadline` (epoch ms) at the latest. Throws a
   * {@link SubgraphFailure} when the subgraph could not answer, or what the attempt threw when
   * the subgraph did answer (e.g. refusing the caller).
   */
  async call<T>(attempt: Attempt<T>, options: { deadline: number; repeatable: boolean }): Promise<T> {
    const once = () => this.breaker.fire(() => this.withinDeadline(attempt, options.deadline)) as Promise<T>;
    try {
      return await measureFetch(this.service, () => withRetries(once, {
        retries: options.repeatable ? this.settings.retries : 0,
        baseDelayMs: this.settings.retryBaseDelayMs,
        maxDelayMs: this.settings.retryMaxDelayMs,
        deadline: options.deadline,
        shouldRetry: (error) => error instanceof SubgraphFailure && error.retryable,
      }));
    } catch (error) {
      throw classifyFailure(this.service, error);
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  /**
   * Aborts the attempt when the deadline passes, and stops waiting for it then even if it ignores
   * the signal: the caller's time is bounded either way.
   */
  private async withinDeadline<T>(attempt: Attempt<T>, deadline: number): Promise<T> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SubgraphFailure(this.service, 'timeout', false);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const failure = new SubgraphFailure(this.service, 'timeout', true);
        controller.abort(failure);
        reject(failure);
      }, remaining);
    });
    try {
      return await Promise.race([attempt(controller.signal), expired]);
    } catch (error) {
      throw classifyFailure(this.service, error);
    } finally {
      clearTimeout(timer);
    }
  }
}
