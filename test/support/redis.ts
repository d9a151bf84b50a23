import { randomUUID } from 'node:crypto';
import { SharedStore } from '@caregraph/router/edge/shared-store';

/** The Redis the shared-counter tests (`*.redis.test.ts`) use: `TEST_REDIS_URL`; without it they do not run. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of this test run alone: parallel runs on one Redis never see each other's counters. */
export function uniqueKeyPrefix(): string {
  return `caregraph-test:${randomUUID()}:`;
}

export interface TestRedis {
  /** The keys under `prefix`, for checking what the router wrote. */
  keys(prefix: string): Promise<string[]>;
  /** Milliseconds until `key` expires (-1: never, -2: no such key). */
  pttl(key: string): Promise<number>;
  /** Removes every key under `prefix` (a run cleans up after itself). */
  drop(prefix: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A connection to the test Redis, through the router's own store. Fails at once, saying how to
 * start one, when none answers: these tests are about a real Redis shared by real replicas.
 */
export async function connectTestRedis(url = TEST_REDIS_URL): Promise<TestRedis> {
  const store = await SharedStore.connect({ url, keyPrefix: 'unused:', commandTimeoutMs: 2_000, connectTimeoutMs: 2_000 });
  if ((await store.state()) !== 'reachable') {
    await store.close();
    throw new Error(
      `No Redis answers at ${url} (TEST_REDIS_URL): the shared rate-limit tests need one. Start it with ` +
        `\`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\` (Debian: apt-get install redis-server), ` +
        'or set TEST_REDIS_URL; .ci/run installs and starts it when none answers.',
    );
  }
  const keys = async (prefix: string) => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await store.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  };
  return {
    keys,
    pttl: (key) => store.client.pttl(key),
    async drop(prefix) {
      const found = await keys(prefix);
      if (found.length > 0) await store.client.unlink(...found);
    },
    close: () => store.close(),
  };
}
