import { metrics } from '@opentelemetry/api';
import { log, type AccessRecord, type Viewer } from '@caregraph/platform';
import type { SharedStore } from './shared-store.ts';

const notFoundLookups = meter().createCounter('caregraph.router.not_found', {
  description: 'Lookups answered NOT_FOUND (missing or out of reach), by role: a rising count is someone probing ids',
});

function meter() {
  return metrics.getMeter('caregraph-router');
}

export interface ProbeWatchOptions {
  /** NOT_FOUND answers one principal may get in a window before it is reported; 0 turns reporting off. Env `PROBE_REPORT_THRESHOLD`, default 20. */
  threshold: number;
  /** The window, in ms (the rate-limit window). */
  windowMs: number;
}

interface Window {
  start: number;
  count: number;
}

/** Windows kept before old ones are swept: bounds memory whoever sends requests. */
const SWEEP_AT = 10_000;

/**
 * Counts lookups that found nothing, per principal. Out of reach and missing look the same to the
 * caller, by design, so one NOT_FOUND says nothing; many in a short time from one principal are
 * someone walking ids. Each is counted (a metric by role), and the request that takes a
 * principal past the threshold in a window leaves one audit event saying how many
 * (`deny` of `Request`, fields `NOT_FOUND`, `probes:<n>`), with a warning in the log.
 *
 * With a {@link SharedStore} the count is one per principal across every router replica (in
 * Redis, a key per principal that expires with its window), so walking ids through several
 * replicas is reported as well; while Redis does not answer, each replica counts alone.
 */
export class ProbeWatch {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: ProbeWatchOptions,
    private readonly store: SharedStore | null = null,
  ) {}

  /** The audit record to add to this request's trail, when it crossed the threshold. */
  async observe(viewer: Viewer | null, notFound: number, now = Date.now()): Promise<AccessRecord | null> {
    if (!viewer || notFound === 0) return null;
    notFoundLookups.add(notFound, { role: viewer.role });
    const { threshold } = this.options;
    if (threshold === 0) return null;
    const key = `${viewer.organizationId ?? '-'}|${viewer.sub}`;
    const inMemory = () => this.countInMemory(key, notFound, now);
    const store = this.store;
    const count = store ? await store.prefer('probes', () => this.countInRedis(store, key, notFound), inMemory) : inMemory();
    // Once per window: only the request that takes the count from below the threshold to it or
    // past it reports, whichever replica it reached (the count only grows within a window).
    if (count < threshold || count - notFound >= threshold) return null;
    log.warn({ role: viewer.role, not_found: count, window_s: this.options.windowMs / 1000 }, 'many lookups found nothing: possible probing of ids');
    return { action: 'deny', outcome: 'denied', resourceType: 'Request', resourceId: null, patientId: null, fields: ['NOT_FOUND', `probes:${count}`] };
  }

  /** The principal's count in this window after adding `notFound`, in Redis: one atomic step for every replica. */
  private async countInRedis(store: SharedStore, principal: string, notFound: number): Promise<number> {
    const key = store.key('probes', principal);
    // The window starts with the first count and ends when the key expires.
    const replies = await store.client.multi().set(key, 0, 'PX', this.options.windowMs, 'NX').incrby(key, notFound).exec();
    const [error, count] = replies?.[1] ?? [new Error('the count was not applied')];
    if (error) throw error;
    return Number(count);
  }

  private countInMemory(principal: string, notFound: number, now: number): number {
    let window = this.windows.get(principal);
    if (!window || now - window.start >= this.options.windowMs) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(principal, window);
    }
    window.count += notFound;
    return window.count;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.options.windowMs) this.windows.delete(key);
  }
}

/** Lookups that found nothing: each NOT_FOUND, and each item of a batch's NOT_FOUND (`extensions.problems`). */
export function notFoundCount(errors: readonly { extensions?: Record<string, unknown> }[]): number {
  let count = 0;
  for (const error of errors) {
    if (error.extensions?.['code'] !== 'NOT_FOUND') continue;
    const problems = error.extensions['problems'];
    count += Array.isArray(problems) && problems.length > 0 ? problems.length : 1;
  }
  return count;
}
