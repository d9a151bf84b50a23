/** A code's reference range from the API (`vitalSignCodes`): either bound may be absent. */
export interface ReferenceRange {
  low: number | null;
  high: number | null;
}

export interface Reading {
  code: string;
  value: number;
  effectiveAt: string;
}

export type ReadingFlag = 'low' | 'high' | null;

export function flagOf(value: number, range: ReferenceRange | null | undefined): ReadingFlag {
  if (!range) return null;
  if (range.low !== null && value < range.low) return 'low';
  if (range.high !== null && value > range.high) return 'high';
  return null;
}

export interface PatientStatus {
  /** Codes whose latest reading is outside the reference range. */
  outOfRange: { code: string; flag: Exclude<ReadingFlag, null> }[];
  /** No reading for longer than the stale limit (or none at all). */
  stale: boolean;
  lastReadingAt: string | null;
}

/** The status column of "My patients": out of range per code, and stale when readings stopped. */
export function patientStatus(
  latest: readonly Reading[],
  ranges: ReadonlyMap<string, ReferenceRange>,
  staleAfterMinutes: number,
  now = Date.now(),
): PatientStatus {
  const outOfRange = latest.flatMap((reading) => {
    const flag = flagOf(reading.value, ranges.get(reading.code));
    return flag ? [{ code: reading.code, flag }] : [];
  });
  const lastReadingAt = latest.reduce<string | null>((last, r) => (last === null || r.effectiveAt > last ? r.effectiveAt : last), null);
  const stale = lastReadingAt === null || now - Date.parse(lastReadingAt) > staleAfterMinutes * 60_000;
  return { outOfRange, stale, lastReadingAt };
}
