import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { ingestBatch } from '../operations.ts';
import { hasGraphQLErrors, type LoadResult } from './result.ts';

export interface Phases {
  warmupSeconds: number;
  durationSeconds: number;
}

/** One POST of a fixed JSON body, sent by `connections` autocannon connections back to back. */
export interface FixedRequestSpec extends Phases {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  connections: number;
}

/** W4 (and its floor): each sender its own connection and token, a new batch with new keys per request. */
export interface IngestSpec extends Phases {
  url: string;
  /** `graphql`: recordObservations; `floor`: the hand-written service's `{ input }`. */
  shape: 'graphql' | 'floor';
  query?: string;
  senders: { token: string | null; deviceId: string; patientId: string }[];
  /** Makes every idempotency key of the run unique. */
  keyPrefix: string;
}

function toLoadResult(result: AutocannonResult, bodyFailures: number): LoadResult {
  return {
    requests: result.requests.total,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts + bodyFailures,
  };
}

/** Warm-up run (discarded), then the measured run: both the same load. */
async function warmedUp(phases: Phases, run: (seconds: number) => Promise<LoadResult>): Promise<LoadResult> {
  if (phases.warmupSeconds > 0) await run(phases.warmupSeconds);
  return run(phases.durationSeconds);
}

export function runFixedRequest(spec: FixedRequestSpec): Promise<LoadResult> {
  return warmedUp(spec, async (duration) => {
    let bodyFailures = 0;
    const request: AutocannonRequest = {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spec.headers },
      body: JSON.stringify(spec.body),
      onResponse: (_status, body) => {
        if (hasGraphQLErrors(body)) bodyFailures += 1;
      },
    };
    const result = await autocannon({ url: spec.url, connections: spec.connections, duration, requests: [request], timeout: 30 });
    return toLoadResult(result, bodyFailures);
  });
}

/**
 * Autocannon keeps no per-connection identity across requests, so each sender is an instance of
 * its own (one connection, its own token) and the instances' histograms are merged afterwards.
 */
export function runIngest(spec: IngestSpec): Promise<LoadResult> {
  let sequence = 0;
  return warmedUp(spec, async (duration) => {
    let bodyFailures = 0;
    const runs = spec.senders.map((sender, index) => {
      const request: AutocannonRequest = {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sender.token ? { authorization: `Bearer ${sender.token}` } : {}) },
        setupRequest: (req) => {
          const input = ingestBatch(`${spec.keyPrefix}-${index}`, sequence++, sender);
          const body = spec.shape === 'graphql' ? { query: spec.query, variables: { input } } : { input };
          return { ...req, body: JSON.stringify(body) };
        },
        onResponse: (_status, body) => {
          if (hasGraphQLErrors(body)) bodyFailures += 1;
        },
      };
      return autocannon({ url: spec.url, connections: 1, duration, requests: [request], timeout: 30, skipAggregateResult: true });
    });
    const merged = autocannon.aggregateResult(await Promise.all(runs), { url: spec.url, connections: spec.senders.length });
    return toLoadResult(merged, bodyFailures);
  });
}
