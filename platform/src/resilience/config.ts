import type { IntReader } from '../env-int.ts';

/**
 * How long calls between services may take, how often they are retried, when a subgraph's circuit
 * opens and how many connections it gets. Read from the environment once at start (see README
 * "Operating"); every value has a default that suits a single-region deployment.
 */
export interface ResilienceConfig {
  /** Whole-request budget at the router: every subgraph call of a request ends by then. Env `ROUTER_REQUEST_TIMEOUT_MS`, default 15000. */
  requestTimeoutMs: number;
  /** One subgraph fetch, retries included. Env `SUBGRAPH_TIMEOUT_MS`, default 10000. */
  subgraphTimeoutMs: number;
  /** Per-subgraph overrides of `subgraphTimeoutMs`, by subgraph name. Env `SUBGRAPH_TIMEOUT_MS_<NAME>` (e.g. `SUBGRAPH_TIMEOUT_MS_OBSERVATIONS`). */
  subgraphTimeoutOverrides: Readonly<Record<string, number>>;
  /** Retries of a query that failed to connect or got 502/503/504 (never of a mutation). Env `SUBGRAPH_RETRIES`, default 2. */
  retries: number;
  /** Backoff before retry n is random in [0, min(max, base * 2^n)] ("full jitter"). Env `SUBGRAPH_RETRY_BASE_DELAY_MS`, default 50. */
  retryBaseDelayMs: number;
  /** Env `SUBGRAPH_RETRY_MAX_DELAY_MS`, default 1000. */
  retryMaxDelayMs: number;
  /** The circuit opens when more than this share of calls in the window failed. Env `SUBGRAPH_BREAKER_ERROR_PERCENT`, default 50. */
  breakerErrorPercent: number;
  /** ...and at least this many calls were made in the window. Env `SUBGRAPH_BREAKER_MIN_CALLS`, default 5. */
  breakerMinCalls: number;
  /** The rolling window the breaker counts in. Env `SUBGRAPH_BREAKER_WINDOW_MS`, default 10000. */
  breakerWindowMs: number;
  /** How long an open circuit fails fast before one probe call may go through (half-open). Env `SUBGRAPH_BREAKER_RESET_MS`, default 10000. */
  breakerResetMs: number;
  /** Most concurrent connections to one subgraph (or peer); more calls wait for a free one. Env `SUBGRAPH_MAX_SOCKETS`, default 64. */
  maxSockets: number;
  /** A subgraph's call to another domain (entity lookups, erasure), retries included. Env `PEER_TIMEOUT_MS`, default 5000. */
  peerTimeoutMs: number;
  /** Longest a last good answer of a cacheable read is kept to serve while its subgraph is down. Env `STALE_ANSWER_MAX_AGE_S`, default 86400. */
  staleAnswerMaxAgeMs: number;
  /** Mutual TLS to subgraphs: the client certificate and key presented, the CA their certificates are checked against (ServiceConfig.subgraphClientTls). */
  clientTls?: { certFile: string; keyFile: string; caFile: string | undefined };
}

const HOUR_MS = 3_600_000;

/** The resilience settings from `env`; `int` reports invalid values into the config's problem list. */
export function readResilienceConfig(env: NodeJS.ProcessEnv, int: IntReader): ResilienceConfig {
  const overrides: Record<string, number> = {};
  for (const name of Object.keys(env)) {
    const match = /^SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/.exec(name);
    if (match) overrides[match[1]!.toLowerCase()] = int(name, 10_000, 1, HOUR_MS);
  }
  return {
    requestTimeoutMs: int('ROUTER_REQUEST_TIMEOUT_MS', 15_000, 1, HOUR_MS),
    subgraphTimeoutMs: int('SUBGRAPH_TIMEOUT_MS', 10_000, 1, HOUR_MS),
    subgraphTimeoutOverrides: overrides,
    retries: int('SUBGRAPH_RETRIES', 2, 0, 10),
    retryBaseDelayMs: int('SUBGRAPH_RETRY_BASE_DELAY_MS', 50, 0, 60_000),
    retryMaxDelayMs: int('SUBGRAPH_RETRY_MAX_DELAY_MS', 1_000, 0, 60_000),
    breakerErrorPercent: int('SUBGRAPH_BREAKER_ERROR_PERCENT', 50, 1, 100),
    breakerMinCalls: int('SUBGRAPH_BREAKER_MIN_CALLS', 5, 1, 10_000),
    breakerWindowMs: int('SUBGRAPH_BREAKER_WINDOW_MS', 10_000, 100, HOUR_MS),
    breakerResetMs: int('SUBGRAPH_BREAKER_RESET_MS', 10_000, 10, HOUR_MS),
    maxSockets: int('SUBGRAPH_MAX_SOCKETS', 64, 1, 10_000),
    peerTimeoutMs: int('PEER_TIMEOUT_MS', 5_000, 1, HOUR_MS),
    staleAnswerMaxAgeMs: int('STALE_ANSWER_MAX_AGE_S', 86_400, 0, 30 * 86_400) * 1000,
  };
}

/** The defaults, for code that builds services without reading an environment (tests, scripts). */
export const DEFAULT_RESILIENCE: ResilienceConfig = readResilienceConfig({}, (_name, fallback) => fallback);
