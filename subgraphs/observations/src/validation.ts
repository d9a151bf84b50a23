import { badUserInput, bucketCount, checkText, isId, MAX_SUMMARY_BUCKETS } from '@caregraph/schema-standards';
import type { BucketWidth } from './db/observation-repository.ts';
import { vitalCode } from './codes.ts';

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

const KEY = { max: 128, pattern: /^[A-Za-z0-9._:-]+$/, describe: 'may contain only A-Z a-z 0-9 . _ : -' };

/** Checks one item; errors name the item (`input[3].value`) and never echo the value. */
export function checkObservation(input: ObservationInput, index: number, now = Date.now()): ObservationInput {
  const at = (field: string) => `input[${index}].${field}`;
  const idempotencyKey = checkText(at('idempotencyKey'), input.idempotencyKey, KEY);
  if (!isId(input.patientId)) throw badUserInput(at('patientId'), 'is not a valid id');
  if (input.deviceId != null && !isId(input.deviceId)) throw badUserInput(at('deviceId'), 'is not a valid id');
  const vital = vitalCode(input.code);
  if (!vital) throw badUserInput(at('code'), 'is not a supported LOINC vital-sign code');
  if (input.unit !== vital.unit) throw badUserInput(at('unit'), `must be "${vital.unit}" for code ${vital.code}`);
  if (!Number.isFinite(input.value)) throw badUserInput(at('value'), 'must be a finite number');
  if (input.value < vital.min || input.value > vital.max) {
    throw badUserInput(at('value'), `is outside the possible range for code ${vital.code}`);
  }
  const time = input.effectiveAt.getTime();
  if (Number.isNaN(time)) throw badUserInput(at('effectiveAt'), 'must be a valid instant');
  if (time > now + CLOCK_SKEW_MS) throw badUserInput(at('effectiveAt'), 'must not be in the future');
  if (time < EARLIEST) throw badUserInput(at('effectiveAt'), 'must not be before 1900');
  return { ...input, idempotencyKey, deviceId: input.deviceId ?? null };
}

export function checkBatch(inputs: ObservationInput[]): ObservationInput[] {
  if (inputs.length === 0) throw badUserInput('input', 'must contain at least one observation');
  if (inputs.length > MAX_BATCH) throw badUserInput('input', `must contain at most ${MAX_BATCH} observations`);
  const now = Date.now();
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const checked = checkObservation(input, index, now);
    if (seen.has(checked.idempotencyKey)) {
      throw badUserInput(`input[${index}].idempotencyKey`, 'is repeated within the batch');
    }
    seen.add(checked.idempotencyKey);
    return checked;
  });
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

