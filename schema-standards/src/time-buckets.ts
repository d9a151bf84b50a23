/**
 * Time-bucketed summaries (`vitalsSummary(from, to, bucket)`): how many buckets a range yields and
 * how many one field may ask for. The router's cost estimate and the subgraph's argument check both
 * count buckets here, so what the estimate charges is what the resolver would return.
 */

/** Bucket widths, in milliseconds, by the name of the `TimeBucket` enum value. */
export const BUCKET_WIDTH_MS = {
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
} as const;

export type BucketName = keyof typeof BUCKET_WIDTH_MS;

/**
 * Most buckets one summary field may cover: a day of one-minute buckets, 60 days of hourly ones,
 * about four years of daily ones. A field at the bound with all five bucket fields costs about
 * 7 200, inside the default cost limit (10 000); more than one such field in a request is over it.
 */
export const MAX_SUMMARY_BUCKETS = 1_440;

export function isBucketName(value: unknown): value is BucketName {
  return typeof value === 'string' && Object.hasOwn(BUCKET_WIDTH_MS, value);
}

/**
 * The buckets `[from, to)` touches, buckets aligned to the Unix epoch (in UTC; the database bins
 * from 2000-01-01, an instant every width divides). Zero for an empty or reversed range.
 */
export function bucketCount(fromMs: number, toMs: number, bucket: BucketName): number {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) return 0;
  const width = BUCKET_WIDTH_MS[bucket];
  return Math.floor((toMs - 1) / width) - Math.floor(fromMs / width) + 1;
}
