import type { TimeBucket } from '../../gql/graphql.ts';

export type RangeChoice = '24h' | '7d' | '30d' | 'custom';
export const RANGE_CHOICES: readonly { value: RangeChoice; label: string }[] = [
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: 'custom', label: 'Custom' },
];

const HOUR = 3_600_000;
const SPANS: Record<Exclude<RangeChoice, 'custom'>, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

export interface TimeRange {
  from: string;
  to: string;
  bucket: TimeBucket;
  /** Short enough to draw every reading over the summary band. */
  showReadings: boolean;
}

/** Buckets sized so a chart has tens to hundreds of points whatever the span. */
function bucketFor(spanMs: number): TimeBucket {
  if (spanMs <= 6 * HOUR) return 'MINUTE';
  if (spanMs <= 45 * 24 * HOUR) return 'HOUR';
  return 'DAY';
}

/** The range to query; `now` is rounded to the minute so the query (and urql's cache key) is stable while the page is open. */
export function timeRangeOf(choice: RangeChoice, custom: { from: string | null; to: string | null }, now = Date.now()): TimeRange | null {
  const end = Math.ceil(now / 60_000) * 60_000;
  let fromMs: number;
  let toMs: number;
  if (choice === 'custom') {
    fromMs = custom.from ? Date.parse(custom.from) : NaN;
    toMs = custom.to ? Date.parse(custom.to) : NaN;
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) return null;
  } else {
    toMs = end;
    fromMs = end - SPANS[choice];
  }
  const span = toMs - fromMs;
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), bucket: bucketFor(span), showReadings: span <= 48 * HOUR };
}
