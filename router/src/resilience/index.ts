export * from './circuit-breaker.ts';
export * from './last-good-answers.ts';
export * from './router-readiness.ts';
export * from './subgraph-failure.ts';
export * from './subgraph-fetcher.ts';
export * from './subgraph-guard.ts';
export * from './subgraph-resilience.ts';
export * from './unavailable-result.ts';
