import { metrics } from '@opentelemetry/api';
import { Redis } from 'ioredis';
import { log, type Readiness } from '@caregraph/platform';
import type { RedisConfig } from '@caregraph/platform/edge-config';

/** The counters router replicas share: the two rate limits and the probe count. */
export type SharedCounter = 'address' | 'principal' | 'probes';

/**
 * After a command failed, Redis is asked again only this much later: a Redis that hangs (its
 * connection open, nothing answered) costs one command timeout a second, not one per request.
 */
const RETRY_AFTER_MS = 1_000;

const fallbacks = metrics.getMeter('caregraph-router').createCounter('caregraph.router.redis.fallbacks', {
  description: "Counts kept in this replica's memory because Redis did not answer (in time), by counter: address, principal, probes",
});

/**
 * The Redis the router replicas count in (`REDIS_URL`), so N replicas enforce one limit rather
 * than N. Redis is a shared counter here, never a gate: when it does not answer, each count is
 * kept in this replica's memory with the same limits (per replica, as without Redis), one warning
 * is logged for the outage and `caregraph.router.redis.fallbacks` counts each such request. Rate
 * limiting protects capacity; refusing every clinician because a counter store is down would turn a
 * Redis outage into a platform outage, and letting everything through would leave a flood unchecked.
 */
export class SharedStore {
  private down: { since: number; retryAt: number } | null = null;
  private closing = false;

  private constructor(
    readonly client: Redis,
    private readonly keyPrefix: string,
  ) {}

  /**
   * Connects (waiting at most the connect timeout, so the first requests of a start with Redis up
   * are shared) and keeps reconnecting in the background. A Redis that cannot be reached does not
   * stop the start: the router serves with per-replica counts and says so in the log and `/readyz`.
   */
  static async connect(config: RedisConfig): Promise<SharedStore> {
    const client = new Redis(config.url, {
      // Fail at once while disconnected (count in memory) instead of queueing requests behind a reconnect.
      enableOfflineQueue: false,
      // A command cut off by a dropped connection fails; it is not sent again later.
      maxRetriesPerRequest: 0,
      commandTimeout: config.commandTimeoutMs,
      connectTimeout: config.connectTimeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      connectionName: 'caregraph-router',
    });
    const store = new SharedStore(client, config.keyPrefix);
    const first = new Promise<void>((settled) => {
      const timer = setTimeout(settled, config.connectTimeoutMs);
      const done = () => {
        clearTimeout(timer);
        settled();
      };
      client.once('ready', done);
      client.once('error', done);
    });
    client.on('error', (error: Error) => store.failed(error));
    client.on('ready', () => store.answered());
    await first;
    if (client.status !== 'ready') store.failed(new Error(`not connected (${client.status})`));
    return store;
  }

  /** A key of this deployment (`REDIS_KEY_PREFIX` first). */
  key(...parts: string[]): string {
    return this.keyPrefix + parts.join(':');
  }

  /**
   * `inRedis()` while Redis answers; `inMemory()` when it fails, or failed less than a second ago.
   * Only a failure of Redis itself falls back: whatever `inRedis()` resolves to is its answer.
   */
  async prefer<T>(counter: SharedCounter, inRedis: () => Promise<T>, inMemory: () => T | Promise<T>): Promise<T> {
    if (!this.down || Date.now() >= this.down.retryAt) {
      try {
        const answer = await inRedis();
        this.answered();
        return answer;
      } catch (error) {
        this.failed(error);
      }
    }
    fallbacks.add(1, { counter });
    return inMemory();
  }

  /** `reachable` when Redis answers a PING within the command timeout, `unreachable` otherwise. */
  async state(): Promise<'reachable' | 'unreachable'> {
    try {
      await this.client.ping();
      this.answered();
      return 'reachable';
    } catch (error) {
      this.failed(error);
      return 'unreachable';
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.client.disconnect();
  }

  private failed(error: unknown): void {
    if (this.closing) return;
    const now = Date.now();
    if (this.down) {
      this.down.retryAt = now + RETRY_AFTER_MS;
      return;
    }
    this.down = { since: now, retryAt: now + RETRY_AFTER_MS };
    // The message names the host and port at most, never the URL (it may hold the password).
    log.warn({ redis_error: (error as Error)?.message ?? String(error) }, "Redis did not answer: rate limits and probe counts are kept in this replica's memory until it does");
  }

  private answered(): void {
    if (!this.down) return;
    log.info({ down_ms: Date.now() - this.down.since }, 'Redis answers again: rate limits and probe counts are shared across replicas');
    this.down = null;
  }
}

/**
 * `/readyz` with the shared store's state beside the other checks (`redis`: `reachable`,
 * `unreachable`, or `none` without `REDIS_URL`). An unreachable Redis does not make the router
 * unready: every replica sees the same Redis down, and they all serve on per-replica counts;
 * taking them out of rotation would turn a counter store's outage into a full one.
 */
export function withRedisCheck(ready: () => Promise<Readiness>, store: SharedStore | null): () => Promise<Readiness> {
  return async () => {
    const [readiness, redis] = await Promise.all([ready(), store ? store.state() : ('none' as const)]);
    return { ready: readiness.ready, checks: { ...readiness.checks, redis } };
  };
}
