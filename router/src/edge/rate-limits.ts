import type { ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError, type Viewer } from '@caregraph/platform';
import type { EdgeConfig } from '@caregraph/platform/edge-config';
import type { SharedStore } from './shared-store.ts';

/** 429 RATE_LIMITED with `Retry-After`: the seconds until the caller's window has room again. */
export class RateLimited extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'Too many requests; retry after the time in the Retry-After header.');
  }

  override send(res: ServerResponse): void {
    res.setHeader('retry-after', String(this.retryAfterSeconds));
    super.send(res);
  }
}

/** Settles a consume as the limit's answer: null when the request is within it, the refusal when not. */
function outcomeOf(consumed: Promise<RateLimiterRes>): Promise<RateLimiterRes | null> {
  return consumed.then(
    () => null,
    (outcome: unknown) => {
      if (outcome instanceof RateLimiterRes) return outcome;
      throw outcome;
    },
  );
}

/**
 * Counts one request against a limit: in Redis, shared by every replica, when there is one and it
 * answers; else in this process's memory. A limit of 0 is off.
 */
function limiter(name: 'address' | 'principal', points: number, windowSeconds: number, store: SharedStore | null) {
  if (points === 0) return async (_key: string) => {};
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds });
  const shared = store && new RateLimiterRedis({ storeClient: store.client, rejectIfRedisNotReady: true, keyPrefix: store.key('rate', name), points, duration: windowSeconds });
  return async (key: string) => {
    const inMemory = () => outcomeOf(memory.consume(key));
    const refused = store && shared ? await store.prefer(name, () => outcomeOf(shared.consume(key)), inMemory) : await inMemory();
    if (refused) throw new RateLimited(Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
  };
}

/**
 * The router's rate limits. Per address before authentication, so a flood of bad tokens costs no
 * token verification and no audit insert; per principal after it, so one caller cannot take the
 * whole service from behind a shared address or from many addresses. With a {@link SharedStore}
 * (`REDIS_URL`) the replicas count together, one limit for all; without one, or while Redis does
 * not answer, each replica counts alone (N replicas admit up to N times the limit).
 */
export class RateLimits {
  readonly byAddress: (addressKey: string) => Promise<void>;
  private readonly principal: (key: string) => Promise<void>;

  constructor(config: Pick<EdgeConfig, 'rateLimitPerAddress' | 'rateLimitPerPrincipal' | 'rateLimitWindowSeconds'>, store: SharedStore | null = null) {
    this.byAddress = limiter('address', config.rateLimitPerAddress, config.rateLimitWindowSeconds, store);
    this.principal = limiter('principal', config.rateLimitPerPrincipal, config.rateLimitWindowSeconds, store);
  }

  /** A principal is its token's subject: a person, a device or a service account. */
  byPrincipal(viewer: Viewer): Promise<void> {
    return this.principal(viewer.sub);
  }
}
