import { metrics } from '@opentelemetry/api';
import { log, type AccessRecord, type Viewer } from '@caregraph/platform';

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
  reported: boolean;
}

/** Windows kept before old ones are swept: bounds memory whoever sends requests. */
const SWEEP_AT = 10_000;

/**
 * Counts lookups that found nothing, per principal. Out of reach and missing look the same to the
 * caller, by design, so one NOT_FOUND says nothing; many in a short time from one principal are
 * someone walking ids. Each is counted (a metric by role), and the request that takes a
 * principal past the threshold in a window leaves one audit event saying how many
 * (`deny` of `Request`, fields `NOT_FOUND`, `probes:<n>`), with a warning in the log.
 */
export class ProbeWatch {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: ProbeWatchOptions) {}

  /** The audit record to add to this request's trail, when it crossed the threshold. */
  observe(viewer: Viewer | null, notFound: number, now = Date.now()): AccessRecord | null {
    if (!viewer || notFound === 0) return null;
    notFoundLookups.add(notFound, { role: viewer.role });
    if (this.options.threshold === 0) return null;
    const key = `${viewer.organizationId ?? '-'}|${viewer.sub}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { start: now, count: 0, reported: false };
      this.windows.set(key, window);
    }
    window.count += notFound;
    if (window.reported || window.count < this.options.threshold) return null;
    window.reported = true;
    log.warn({ role: viewer.role, not_found: window.count, window_s: this.options.windowMs / 1000 }, 'many lookups found nothing: possible probing of ids');
    return { action: 'deny', outcome: 'denied', resourceType: 'Request', resourceId: null, patientId: null, fields: ['NOT_FOUND', `probes:${window.count}`] };
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
