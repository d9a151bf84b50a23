import type { ApolloServerPlugin } from '@apollo/server';
import type { ResilienceConfig } from '@caregraph/platform';
import type { RouterContext } from '../context.ts';
import type { BreakerState } from './circuit-breaker.ts';
import { LastGoodAnswers } from './last-good-answers.ts';
import { requestState, requestStatePlugin, type StaleNote } from './request-state.ts';
import { SubgraphGuard } from './subgraph-guard.ts';

/**
 * The router's resilience state: a guard (deadline, retries, circuit breaker) per subgraph reached
 * over HTTP, the last good answers of cacheable reads, and the per-request clock. One per router.
 */
export class SubgraphResilience {
  readonly lastGood: LastGoodAnswers;
  private readonly guards = new Map<string, SubgraphGuard>();

  constructor(readonly settings: ResilienceConfig) {
    this.lastGood = new LastGoodAnswers(settings.staleAnswerMaxAgeMs);
  }

  guardFor(service: string): SubgraphGuard {
    let guard = this.guards.get(service);
    if (!guard) {
      guard = new SubgraphGuard(service, this.settings);
      this.guards.set(service, guard);
    }
    return guard;
  }

  /** When a fetch of `guard`'s subgraph must end: its own timeout, cut short by the request's. */
  deadlineFor(context: RouterContext | undefined, guard: SubgraphGuard): number {
    return Math.min(Date.now() + guard.timeoutMs, requestState(context, this.settings.requestTimeoutMs).deadline);
  }

  noteStale(context: RouterContext | undefined, notes: StaleNote[]): void {
    requestState(context, this.settings.requestTimeoutMs).stale.push(...notes);
  }

  /** Each subgraph's circuit, for `/readyz` (and the breaker-state metric). */
  breakerStates(): Record<string, BreakerState> {
    return Object.fromEntries([...this.guards].map(([name, guard]) => [name, guard.state]));
  }

  plugin(): ApolloServerPlugin<RouterContext> {
    return requestStatePlugin(this.settings.requestTimeoutMs);
  }

  shutdown(): void {
    for (const guard of this.guards.values()) guard.shutdown();
  }
}
