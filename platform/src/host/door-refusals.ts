import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../http/http-error.ts';
import { log } from '../log/logger.ts';
import type { RequestInfo } from '../request.ts';
import { finishRequest, type Subgraph } from '../subgraph.ts';

export interface DoorRefusalOptions {
  /** Refused calls one source address may make per window before it gets 429 instead. Default 60. */
  perAddress?: number;
  /** The window, in seconds, of the limit and of the aggregation. Default 60. */
  windowSeconds?: number;
  /**
   * Addresses and codes counted at once in a window; refusals of any other address and code in
   * that window fold into one overflow event. Default 1000. Bounds memory and audit volume
   * whatever a caller varies.
   */
  maxTracked?: number;
}

/** Distinct user agents counted per address and code; past it the count reads `<n>+`. */
const USER_AGENTS_COUNTED = 100;
/** Distinct addresses counted in the overflow event; past it the count reads `<n>+`. */
const ADDRESSES_COUNTED = 1000;

/** 429 with Retry-After: the address has been refused too often in this window. */
class TooManyRefusals extends HttpError {
  constructor(private readonly retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'Too many refused calls; retry after the time in the Retry-After header.');
  }

  override send(res: ServerResponse): void {
    res.setHeader('retry-after', String(this.retryAfterSeconds));
    super.send(res);
  }
}

/** Refusals of one address and code in the current window beyond the first, not yet recorded. */
interface Pending {
  /** The first refusal's request (its user agent is the one the event shows), without its token. */
  request: RequestInfo;
  code: string;
  count: number;
  /** Fingerprints of the distinct user agents seen, at most {@link USER_AGENTS_COUNTED}. */
  userAgents: BoundedCount;
}

/** Refusals of addresses and codes beyond `maxTracked` in the current window: one event for all. */
interface Overflow {
  request: RequestInfo;
  count: number;
  addresses: BoundedCount;
}

/** Counts distinct values up to a limit, then only says "more". Memory is bounded by the limit. */
class BoundedCount {
  private readonly seen = new Set<string>();
  private more = false;
  constructor(private readonly limit: number) {}
  add(value: string): void {
    if (this.seen.has(value)) return;
    if (this.seen.size < this.limit) this.seen.add(value);
    else this.more = true;
  }
  toString(): string {
    return `${this.seen.size}${this.more ? '+' : ''}`;
  }
}

/** A short fixed-size stand-in for a user agent (a header may be kilobytes long). */
const fingerprint = (userAgent: string | null | undefined) => createHash('sha256').update(userAgent ?? '').digest('base64url').slice(0, 16);

/**
 * Calls refused at a subgraph's door (no router proof, a bad token): rate-limited per source
 * address (rate-limiter-flexible, as the router's limits) and aggregated in the service's audit
 * trail. The first refusal of an address and code in a window is recorded at once, with its
 * request id; the rest of that window's are counted and recorded as one event when the window
 * ends (`fields`: the code, `repeated:<n>` and `user-agents:<k>`, the distinct user agents seen;
 * the event carries the first one's). Past the limit an address gets 429, which costs neither a
 * token check nor an audit insert. At most `maxTracked` addresses and codes are counted at once;
 * refusals of any other in that window are folded into one event (`fields`: `overflow`,
 * `repeated:<n>`, `addresses:<k>`). So memory and audit events per window stay bounded whatever a
 * caller varies (user agent, token, request id, code, address). Before, every refused call
 * appended one event, and varying the user agent defeated the aggregation.
 */
export class DoorRefusals {
  private readonly limiter: RateLimiterMemory | null;
  private readonly windowMs: number;
  private readonly maxTracked: number;
  private readonly pending = new Map<string, Pending>();
  private overflow: Overflow | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly subgraph: Subgraph,
    options: DoorRefusalOptions = {},
  ) {
    const perAddress = options.perAddress ?? 60;
    const windowSeconds = options.windowSeconds ?? 60;
    this.windowMs = windowSeconds * 1000;
    this.maxTracked = options.maxTracked ?? 1000;
    this.limiter = perAddress === 0 ? null : new RateLimiterMemory({ keyPrefix: 'door', points: perAddress, duration: windowSeconds });
    this.timer = setInterval(() => void this.flush(), this.windowMs);
    this.timer.unref();
  }

  /** Counts a refusal of `request` (whose client address is the socket's peer); throws 429 past the limit. */
  async refuse(request: RequestInfo, code: string): Promise<void> {
    const address = request.client?.address ?? 'unknown';
    // Per address and code: what else a caller sends (user agent, token, request id) is theirs to
    // vary, so it must not open a new entry; the limit is per address.
    const key = `${address}\u0000${code}`;
    const pending = this.pending.get(key);
    if (!pending && this.pending.size >= this.maxTracked) {
      // Too many addresses and codes at once: counted together, for one event at the window's end.
      this.overflow ??= { request: withoutToken(request), count: 0, addresses: new BoundedCount(ADDRESSES_COUNTED) };
      this.overflow.count += 1;
      this.overflow.addresses.add(address);
      await this.limit(address);
      return;
    }
    const entry = pending ?? { request: withoutToken(request), code, count: 0, userAgents: new BoundedCount(USER_AGENTS_COUNTED) };
    if (pending) pending.count += 1;
    else this.pending.set(key, entry);
    entry.userAgents.add(fingerprint(request.client?.userAgent));
    try {
      await this.limit(address);
    } catch (error) {
      // Not recorded one by one: counted, for the window's event.
      if (!pending) entry.count = 1;
      throw error;
    }
    if (!pending) await this.record(request, [code]);
  }

  /**
   * A caller's sign-in refused in a call a router made (the call itself is trusted): recorded at
   * once, once per request however many fetches of it were refused, with the caller's own
   * circumstances, as caregraph's router records the refusals it makes. Not counted against the
   * address: that is the router's, shared by every caller.
   */
  async refuseRouted(request: RequestInfo, code: string): Promise<void> {
    await this.record(withoutToken(request), [code], { oncePerRequest: true });
  }

  /** Consumes a point of the address's limit; throws 429 when none is left. */
  private async limit(address: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(address);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      throw new TooManyRefusals(Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)));
    }
  }

  /** Records the counted refusals of the window that ended: one event per address and code, one for the overflow. */
  async flush(): Promise<void> {
    const ended = [...this.pending.values()];
    const overflow = this.overflow;
    this.pending.clear();
    this.overflow = null;
    for (const { request, code, count, userAgents } of ended) {
      if (count > 0) await this.record(request, [code, `repeated:${count}`, `user-agents:${userAgents}`]);
    }
    if (overflow) await this.record(overflow.request, ['overflow', `repeated:${overflow.count}`, `addresses:${overflow.addresses}`]);
  }

  /** Stops the window timer and records what is still counted. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /**
   * A refusal is audited in the service's own trail: someone inside the network tried to reach
   * data without going through the router. The refusal goes out even if this fails (it carries no data).
   */
  private async record(request: RequestInfo, fields: string[], options: { oncePerRequest?: boolean } = {}): Promise<void> {
    try {
      const context = this.subgraph.createContext(request);
      this.subgraph.audit?.(context).denied('Request', fields);
      await finishRequest(this.subgraph, context, options);
    } catch (error) {
      log.error({ detail: error instanceof Error ? error.message : String(error) }, 'could not record a refused call');
    }
  }
}

/** What the window's event needs of a request: not the caller's token (kilobytes, and a secret). */
function withoutToken(request: RequestInfo): RequestInfo {
  return { ...request, token: null };
}
