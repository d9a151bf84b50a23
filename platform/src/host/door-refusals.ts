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
}

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

/** Refusals of one address, code and user agent in the current window beyond the first, not yet recorded. */
interface Pending {
  request: RequestInfo;
  code: string;
  count: number;
}

/**
 * Calls refused at a subgraph's door (no router proof, a bad token): rate-limited per source
 * address (rate-limiter-flexible, as the router's limits) and aggregated in the service's audit
 * trail. The first refusal of an address, code and user agent in a window is recorded at once, with its request
 * id; the rest of that window's are counted and recorded as one event when the window ends
 * (`fields`: the code and `repeated:<n>`). Past the limit an address gets 429, which costs
 * neither a token check nor an audit insert. Before, every refused call appended one event: a
 * loop on the internal network could grow the trail, and its chain's contention, without bound.
 */
export class DoorRefusals {
  private readonly limiter: RateLimiterMemory | null;
  private readonly windowMs: number;
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly subgraph: Subgraph,
    options: DoorRefusalOptions = {},
  ) {
    const perAddress = options.perAddress ?? 60;
    const windowSeconds = options.windowSeconds ?? 60;
    this.windowMs = windowSeconds * 1000;
    this.limiter = perAddress === 0 ? null : new RateLimiterMemory({ keyPrefix: 'door', points: perAddress, duration: windowSeconds });
    this.timer = setInterval(() => void this.flush(), this.windowMs);
    this.timer.unref();
  }

  /** Counts a refusal of `request` (whose client address is the socket's peer); throws 429 past the limit. */
  async refuse(request: RequestInfo, code: string): Promise<void> {
    const address = request.client?.address ?? 'unknown';
    // Per address, code and user agent: one knocking client's story stays its own; the limit is per address.
    const key = `${address}\u0000${code}\u0000${request.client?.userAgent ?? ''}`;
    const pending = this.pending.get(key);
    if (pending) pending.count += 1;
    const entry = pending ?? { request, code, count: 0 };
    if (!pending) this.pending.set(key, entry);
    if (this.limiter) {
      try {
        await this.limiter.consume(address);
      } catch (outcome) {
        if (!(outcome instanceof RateLimiterRes)) throw outcome;
        // Not recorded one by one: counted, for the window's event.
        if (!pending) entry.count = 1;
        throw new TooManyRefusals(Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)));
      }
    }
    if (!pending) await this.record(request, [code]);
  }

  /** Records the counted refusals of the window that ended, one event per address and code. */
  async flush(): Promise<void> {
    const ended = [...this.pending.values()];
    this.pending.clear();
    for (const { request, code, count } of ended) {
      if (count > 0) await this.record(request, [code, `repeated:${count}`]);
    }
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
  private async record(request: RequestInfo, fields: string[]): Promise<void> {
    try {
      const context = this.subgraph.createContext(request);
      this.subgraph.audit?.(context).denied('Request', fields);
      await finishRequest(this.subgraph, context);
    } catch (error) {
      log.error({ detail: error instanceof Error ? error.message : String(error) }, 'could not record a refused call');
    }
  }
}
