import type { ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError, type Viewer } from '@caregraph/platform';
import type { EdgeConfig } from '@caregraph/platform/edge-config';

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

/** Counts one request against a limiter; refuses it when the window is full. A limit of 0 is off. */
function limiter(points: number, windowSeconds: number, prefix: string) {
  if (points === 0) return async (_key: string) => {};
  const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: windowSeconds });
  return async (key: string) => {
    try {
      await memory.consume(key);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)));
      throw outcome;
    }
  };
}

/**
 * The router's rate limits, in this process's memory (so per router replica: N replicas admit up
 * to N times the limit). Per address before authentication, so a flood of bad tokens costs no
 * token verification and no audit insert; per principal after it, so one caller cannot take the
 * whole service from behind a shared address or from many addresses.
 */
export class RateLimits {
  readonly byAddress: (addressKey: string) => Promise<void>;
  private readonly principal: (key: string) => Promise<void>;

  constructor(config: Pick<EdgeConfig, 'rateLimitPerAddress' | 'rateLimitPerPrincipal' | 'rateLimitWindowSeconds'>) {
    this.byAddress = limiter(config.rateLimitPerAddress, config.rateLimitWindowSeconds, 'address');
    this.principal = limiter(config.rateLimitPerPrincipal, config.rateLimitWindowSeconds, 'principal');
  }

  /** A principal is its token's subject: a person, a device or a service account. */
  byPrincipal(viewer: Viewer): Promise<void> {
    return this.principal(viewer.sub);
  }
}
