import { metrics } from '@opentelemetry/api';
import type { BreakerState } from './resilience/circuit-breaker.ts';

const meter = metrics.getMeter('caregraph-router');
const fetchDuration = meter.createHistogram('caregraph.subgraph.fetch.duration', {
  description: 'Time the router waited for one subgraph fetch (retries included)',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
});
const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Times one subgraph fetch: its latency by subgraph and outcome (ok, or failed). */
export async function measureFetch<T>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome = 'failed';
  try {
    const result = await fetch();
    outcome = 'ok';
    return result;
  } finally {
    fetchDuration.record((performance.now() - started) / 1000, { 'caregraph.subgraph': subgraph, outcome });
  }
}

/** Each subgraph's circuit breaker as a gauge: 0 closed, 1 half-open, 2 open. */
export function observeBreakers(states: () => Record<string, BreakerState>): void {
  meter
    .createObservableGauge('caregraph.subgraph.breaker.state', { description: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open' })
    .addCallback((result) => {
      for (const [subgraph, state] of Object.entries(states())) result.observe(BREAKER_VALUE[state], { 'caregraph.subgraph': subgraph });
    });
}
