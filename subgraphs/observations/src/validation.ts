import { badUserInput, bucketCount, isId, MAX_SUMMARY_BUCKETS, normalizedText, ProblemList, textProblem } from '@caregraph/schema-standards';
import type { BucketWidth } from './db/observation-repository.ts';
import { vitalCode } from './codes.ts';
import { DEFAULT_INGESTION_POLICY } from './ingestion-policy.ts';
import { acceptedUnits, toCanonicalUnit, type CanonicalValue } from './units.ts';

/** Largest batch `recordObservations` accepts. */
export const MAX_BATCH = 1_000;
/** How far in the future a device clock may be and still be believed. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.UTC(1900, 0, 1);

export interface ObservationInput {
  idempotencyKey: string;
  patientId: string;
  deviceId?: string | null;
  code: string;
  value: number;
  unit: string;
  effectiveAt: Date;
}

/** A reading that passed every check: in its code's UCUM unit, with what was sent when converted. */
export interface CheckedObservation extends ObservationInput {
  deviceId: string | null;
  reportedValue: number | null;
  reportedUnit: string | null;
}

export interface CheckOptions {
  /** The time readings are judged against (ms). */
  now: number;
  /** How old a reading may be (ms); see IngestionPolicy. */
  maxAgeMs: number;
}

const KEY = { max: 128, pattern: /^[A-Za-z0-9._:-]+$/, describe: 'may contain only A-Z a-z 0-9 . _ : -' };

/**
 * Checks one item and lists *every* problem it has in `problems`, each naming the item's field
 * (`input[3].value`) and never echoing the value. Returns the checked item, or null when it has
 * a problem.
 */
export function collectObservation(input: ObservationInput, index: number, options: CheckOptions, problems: ProblemList): CheckedObservation | null {
  const at = (field: string) => `input[${index}].${field}`;
  const before = problems.problems.length;
  const keyProblem = textProblem(input.idempotencyKey, KEY);
  if (keyProblem) problems.add(at('idempotencyKey'), keyProblem);
  if (!isId(input.patientId)) problems.add(at('patientId'), 'is not a valid id');
  if (input.deviceId != null && !isId(input.deviceId)) problems.add(at('deviceId'), 'is not a valid id');

  let canonical: CanonicalValue | null = null;
  const vital = vitalCode(input.code);
  if (!vital) problems.add(at('code'), 'is not a supported LOINC vital-sign code');
  else if (!Number.isFinite(input.value)) problems.add(at('value'), 'must be a finite number');
  else {
    const converted = toCanonicalUnit(vital, input.value, input.unit);
    if (typeof converted === 'string') {
      problems.add(at('unit'), `must be one of ${acceptedUnits(vital)} for code ${vital.code}`);
    } else if (converted.value < vital.min || converted.value > vital.max) {
      problems.add(at('value'), `is outside the possible range for code ${vital.code}`);
    } else canonical = converted;
  }

  const time = input.effectiveAt.getTime();
  if (Number.isNaN(time)) problems.add(at('effectiveAt'), 'must be a valid instant');
  else if (time > options.now + CLOCK_SKEW_MS) problems.add(at('effectiveAt'), 'must not be in the future');
  else if (time < EARLIEST) problems.add(at('effectiveAt'), 'must not be before 1900');
  else if (time < options.now - options.maxAgeMs) {
    problems.add(at('effectiveAt'), `must not be more than ${Math.round(options.maxAgeMs / 86_400_000)} days old`);
  }

  if (problems.problems.length > before || !canonical) return null;
  return {
    ...input,
    idempotencyKey: normalizedText(input.idempotencyKey),
    deviceId: input.deviceId ?? null,
    value: canonical.value,
    unit: canonical.unit,
    reportedValue: canonical.reported?.value ?? null,
    reportedUnit: canonical.reported?.unit ?? null,
  };
}

/** Checks one item; one error lists every problem it has. */
export function checkObservation(input: ObservationInput, index: number, now = Date.now(), maxAgeMs = DEFAULT_INGESTION_POLICY.otherMaxAgeMs): CheckedObservation {
  const problems = new ProblemList();
  const checked = collectObservation(input, index, { now, maxAgeMs }, problems);
  problems.throwIfAny();
  return checked!;
}

/**
 * Checks a whole batch and reports every bad item (index and field) in one BAD_USER_INPUT, so a
 * device fixes its batch in one round trip; nothing is recorded unless every item passes.
 */
export function checkBatch(inputs: ObservationInput[], maxAgeMs = DEFAULT_INGESTION_POLICY.otherMaxAgeMs): CheckedObservation[] {
  if (inputs.length === 0) throw badUserInput('input', 'must contain at least one observation');
  if (inputs.length > MAX_BATCH) throw badUserInput('input', `must contain at most ${MAX_BATCH} observations`);
  const options = { now: Date.now(), maxAgeMs };
  const problems = new ProblemList();
  const seen = new Set<string>();
  const checked = inputs.map((input, index) => {
    const item = collectObservation(input, index, options, problems);
    const key = normalizedText(input.idempotencyKey);
    if (seen.has(key)) problems.add(`input[${index}].idempotencyKey`, 'is repeated within the batch');
    seen.add(key);
    return item;
  });
  problems.throwIfAny();
  return checked as CheckedObservation[];
}

/**
 * A summary covers at most {@link MAX_SUMMARY_BUCKETS} buckets, counted as the router's cost
 * estimate counts them (`bucketCount`), so one chart cannot ask for millions of buckets and what
 * the estimate charges is what this field may return.
 */
export function checkSummaryArgs(code: string, from: Date, to: Date, bucket: BucketWidth): void {
  if (!vitalCode(code)) throw badUserInput('code', 'is not a supported LOINC vital-sign code');
  if (to.getTime() <= from.getTime()) throw badUserInput('to', 'must be after "from"');
  if (bucketCount(from.getTime(), to.getTime(), bucket) > MAX_SUMMARY_BUCKETS) {
    throw badUserInput('from', `the range from "from" to "to" holds more than ${MAX_SUMMARY_BUCKETS} ${bucket} buckets`);
  }
}

export function checkTimelineArgs(args: { code?: string | null; from?: Date | null; to?: Date | null }): void {
  if (args.code != null && !vitalCode(args.code)) throw badUserInput('code', 'is not a supported LOINC vital-sign code');
  if (args.from && args.to && args.to.getTime() <= args.from.getTime()) throw badUserInput('to', 'must be after "from"');
}

