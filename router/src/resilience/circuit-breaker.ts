import CircuitBreaker from 'opossum';
import { log, type ResilienceConfig } from '@caregraph/platform';
import { SubgraphFailure } from './subgraph-failure.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';

type Call = () => Promise<unknown>;

/**
 * One circuit breaker per subgraph (opossum). It counts attempts in a rolling window; when more
 * than `breakerErrorPercent` of at least `breakerMinCalls` attempts failed, it opens and calls
 * fail at once (no waiting on a subgraph known to be down). After `breakerResetMs` it lets one
 * probe through (half-open): success closes it, failure opens it again.
 */
export function createCircuitBreaker(service: string, settings: ResilienceConfig): CircuitBreaker<[Call], unknown> {
  const breaker = new CircuitBreaker<[Call], unknown>((call) => call(), {
    name: service,
    // Time limits are the caller's (a deadline per fetch, aborting the request); opossum's own
    // timeout would only stop waiting and leave the request running.
    timeout: false,
    errorThresholdPercentage: settings.breakerErrorPercent,
    volumeThreshold: settings.breakerMinCalls,
    rollingCountTimeout: settings.breakerWindowMs,
    rollingCountBuckets: 10,
    resetTimeout: settings.breakerResetMs,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    // An answer about the caller (401, 400, a GraphQL error) says the subgraph is up.
    errorFilter: (error: unknown) => !(error instanceof SubgraphFailure),
  });
  breaker.on('open', () => log.warn({ service, circuit: 'open' }, 'subgraph circuit opened: failing fast'));
  breaker.on('halfOpen', () => log.info({ service, circuit: 'half-open' }, 'subgraph circuit half-open: probing'));
  breaker.on('close', () => log.info({ service, circuit: 'closed' }, 'subgraph circuit closed: recovered'));
  return breaker;
}

export function breakerState(breaker: CircuitBreaker<[Call], unknown>): BreakerState {
  if (breaker.halfOpen) return 'half-open';
  return breaker.opened ? 'open' : 'closed';
}
