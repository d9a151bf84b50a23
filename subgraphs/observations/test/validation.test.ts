import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkBatch,
  checkObservation,
  checkSummaryArgs,
  checkTimelineArgs,
  CLOCK_SKEW_MS,
  MAX_BATCH,
  type ObservationInput,
} from '../src/validation.ts';
import { MAX_SUMMARY_BUCKETS } from '@caregraph/schema-standards';
import { rejectedField, rejectionOf } from '../../../test/support/rejections.ts';

const NOW = Date.UTC(2026, 0, 31, 12);
const PATIENT = '0b7c5a9e-3f7e-4d5c-9a51-2d7f0e6f1c11';
const DEVICE = '7d4f2b1a-9c3e-4e8f-8a6b-5c2d1e0f9a87';
const DAY = 86_400_000;

function heartRate(overrides: Partial<ObservationInput> = {}): ObservationInput {
  return {
    idempotencyKey: 'monitor-7:000001',
    patientId: PATIENT,
    code: '8867-4',
    value: 72,
    unit: '/min',
    effectiveAt: new Date(NOW - 60_000),
    ...overrides,
  };
}

// checkBatch reads the clock; pin it.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

describe('checkObservation', () => {
  it('returns the reading with a trimmed key and a null device when none is given', () => {
    expect(checkObservation(heartRate({ idempotencyKey: ' monitor-7:000001 ' }), 0, NOW)).toEqual({
      ...heartRate(),
      deviceId: null,
      reportedValue: null,
      reportedUnit: null,
    });
    expect(checkObservation(heartRate({ deviceId: DEVICE }), 0, NOW).deviceId).toBe(DEVICE);
  });

  it('accepts the limits of the possible range and of the clock skew', () => {
    expect(checkObservation(heartRate({ value: 20 }), 0, NOW).value).toBe(20);
    expect(checkObservation(heartRate({ value: 300 }), 0, NOW).value).toBe(300);
    expect(checkObservation(heartRate({ code: '29463-7', unit: 'kg', value: 0.3 }), 0, NOW).value).toBe(0.3);
    expect(() => checkObservation(heartRate({ effectiveAt: new Date(NOW + CLOCK_SKEW_MS) }), 0, NOW)).not.toThrow();
    expect(() => checkObservation(heartRate({ effectiveAt: new Date(Date.UTC(1900, 0, 1)) }), 0, NOW, Number.POSITIVE_INFINITY)).not.toThrow();
    expect(() => checkObservation(heartRate({ effectiveAt: new Date(NOW - 30 * DAY) }), 0, NOW, 30 * DAY)).not.toThrow();
    expect(() => checkObservation(heartRate({ idempotencyKey: 'A-z_0.9:'.repeat(16) }), 0, NOW)).not.toThrow();
  });

  it.each<[string, Partial<ObservationInput>, string, string[]]>([
    ['an unknown LOINC code', { code: '1234-5' }, 'code', []],
    ['a unit that does not belong to the code', { unit: 'bpm' }, 'unit', []],
    ['the unit of another vital', { unit: '%' }, 'unit', []],
    ['NaN', { value: Number.NaN }, 'value', []],
    ['Infinity', { value: Number.POSITIVE_INFINITY }, 'value', []],
    ['-Infinity', { value: Number.NEGATIVE_INFINITY }, 'value', []],
    ['a value above the possible range', { value: 300.5 }, 'value', ['300.5']],
    ['a value below the possible range', { value: 19.25 }, 'value', ['19.25']],
    ['a time beyond the clock skew', { effectiveAt: new Date(NOW + CLOCK_SKEW_MS + 1) }, 'effectiveAt', []],
    ['an invalid instant', { effectiveAt: new Date(Number.NaN) }, 'effectiveAt', []],
    ['a time before 1900', { effectiveAt: new Date(Date.UTC(1899, 11, 31, 23, 59, 59)) }, 'effectiveAt', ['1899']],
    ['a patient id that is not a UUID', { patientId: 'patient-42' }, 'patientId', ['patient-42']],
    ['a device id that is not a UUID', { deviceId: 'monitor-7' }, 'deviceId', ['monitor-7']],
    ['an empty idempotency key', { idempotencyKey: '  ' }, 'idempotencyKey', []],
    ['an idempotency key with a space', { idempotencyKey: 'monitor 7' }, 'idempotencyKey', ['monitor 7']],
    ['an idempotency key with a slash', { idempotencyKey: 'monitor/7' }, 'idempotencyKey', ['monitor/7']],
    ['an idempotency key with non-ASCII letters', { idempotencyKey: 'mönitor-7' }, 'idempotencyKey', ['mönitor-7']],
    ['an idempotency key of 129 characters', { idempotencyKey: 'k'.repeat(129) }, 'idempotencyKey', ['k'.repeat(129)]],
    // The finding: readings dated 1970 and 2000 were accepted and became "latest vitals".
    ['a reading from 1970', { effectiveAt: new Date(0) }, 'effectiveAt', []],
    ['a reading from 2000', { effectiveAt: new Date(Date.UTC(2000, 0, 1)) }, 'effectiveAt', []],
    ['a reading older than the window', { effectiveAt: new Date(NOW - 365 * DAY - 1) }, 'effectiveAt', []],
    ['a unit of another dimension', { unit: 'kg' }, 'unit', []],
    ['a converted value outside the possible range', { code: '8310-5', unit: '[degF]', value: 150 }, 'value', ['150']],
  ])('rejects %s, naming the item', (_, change, field, secrets) => {
    expect(rejectedField(() => checkObservation(heartRate(change), 3, NOW), ...secrets)).toBe(`input[3].${field}`);
  });

  it('measures the clock skew from the `now` it is given', () => {
    const later = heartRate({ effectiveAt: new Date(NOW + DAY) });
    expect(rejectedField(() => checkObservation(later, 0, NOW))).toBe('input[0].effectiveAt');
    expect(() => checkObservation(later, 0, NOW + DAY)).not.toThrow();
  });
});

describe('units', () => {
  it('converts a commensurable UCUM unit to the code\'s unit and keeps what was sent', () => {
    const weight = checkObservation(heartRate({ code: '29463-7', unit: '[lb_av]', value: 150 }), 0, NOW);
    expect(weight).toMatchObject({ unit: 'kg', value: 68.0388555, reportedValue: 150, reportedUnit: '[lb_av]' });
    const temperature = checkObservation(heartRate({ code: '8310-5', unit: '[degF]', value: 98.6 }), 0, NOW);
    expect(temperature).toMatchObject({ unit: 'Cel', value: 37, reportedUnit: '[degF]' });
    // Glucose as an amount of substance, through its molecular weight.
    const glucose = checkObservation(heartRate({ code: '2339-0', unit: 'mmol/L', value: 5.5 }), 0, NOW);
    expect(glucose.unit).toBe('mg/dL');
    expect(glucose.value).toBeCloseTo(99.0858, 3);
    const pressure = checkObservation(heartRate({ code: '8480-6', unit: 'kPa', value: 16 }), 0, NOW);
    expect(pressure.value).toBeCloseTo(120.01, 2);
    // An annotation does not change a unit: {beats}/min is /min, stored as sent (no conversion needed but recorded).
    expect(checkObservation(heartRate({ unit: '{beats}/min' }), 0, NOW)).toMatchObject({ unit: '/min', value: 72, reportedUnit: '{beats}/min' });
  });

  it('refuses units outside the code\'s accepted list, however UCUM would read them', () => {
    // Commensurable in UCUM, but no device means a heart rate in pi per minute.
    for (const unit of ['[pi]/min', '%/min', '/h', 'MIN', 'mmHg']) {
      expect(rejectedField(() => checkObservation(heartRate({ unit }), 0, NOW))).toBe('input[0].unit');
    }
    // The finding: a 256 KB unit held the process for two minutes in the UCUM parser. It never gets there now.
    expect(rejectedField(() => checkObservation(heartRate({ unit: '/min.'.repeat(50_000) }), 0, NOW))).toBe('input[0].unit');
  });

  it('stores a reading in the code\'s own unit as sent', () => {
    expect(checkObservation(heartRate(), 0, NOW)).toMatchObject({ unit: '/min', reportedValue: null, reportedUnit: null });
  });
});

describe('checkBatch', () => {
  const batch = (size: number) => Array.from({ length: size }, (_, i) => heartRate({ idempotencyKey: `monitor-7:${i}` }));

  it('returns the checked items in order', () => {
    const checked = checkBatch([heartRate({ idempotencyKey: ' a ' }), heartRate({ idempotencyKey: 'b', value: 80 })]);
    expect(checked.map((item) => [item.idempotencyKey, item.value, item.deviceId])).toEqual([
      ['a', 72, null],
      ['b', 80, null],
    ]);
  });

  it('accepts 1 to 1000 items and rejects an empty or larger batch', () => {
    expect(MAX_BATCH).toBe(1000);
    expect(checkBatch(batch(MAX_BATCH))).toHaveLength(MAX_BATCH);
    expect(rejectedField(() => checkBatch([]))).toBe('input');
    expect(rejectedField(() => checkBatch(batch(MAX_BATCH + 1)))).toBe('input');
  });

  it('names the index of the first invalid item', () => {
    const items = [...batch(3), heartRate({ idempotencyKey: 'monitor-7:3', value: Number.NaN })];
    expect(rejectedField(() => checkBatch(items))).toBe('input[3].value');
  });

  it('reports every bad item of a batch in one error, each with its index and field', () => {
    const items = [
      heartRate({ idempotencyKey: 'ok-0' }),
      heartRate({ idempotencyKey: 'bad-1', value: 999 }),
      heartRate({ idempotencyKey: 'ok-2' }),
      heartRate({ idempotencyKey: 'bad-3', code: '0000-0', effectiveAt: new Date(0) }),
      heartRate({ idempotencyKey: 'bad-4', unit: 'bpm' }),
    ];
    const error = rejectionOf(() => checkBatch(items));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('input[1].value');
    expect((error.extensions.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'input[1].value',
      'input[3].code',
      'input[3].effectiveAt',
      'input[4].unit',
    ]);
    expect(error.message).not.toContain('999');
  });

  it('rejects a key repeated within the batch, also after trimming', () => {
    const items = batch(3);
    expect(rejectedField(() => checkBatch([...items, heartRate({ idempotencyKey: 'monitor-7:1' })]), 'monitor-7:1')).toBe(
      'input[3].idempotencyKey',
    );
    const padded = heartRate({ idempotencyKey: ' monitor-7:0 ' });
    expect(rejectedField(() => checkBatch([...items, padded]))).toBe('input[3].idempotencyKey');
  });

  it('judges effectiveAt against the current time', () => {
    const early = heartRate({ effectiveAt: new Date(NOW + CLOCK_SKEW_MS + 1) });
    expect(rejectedField(() => checkBatch([early]))).toBe('input[0].effectiveAt');
  });
});

describe('checkSummaryArgs', () => {
  // Aligned to the hour and the day, so a range of n widths holds exactly n buckets.
  const from = new Date(Date.UTC(2026, 0, 1));
  const plus = (ms: number) => new Date(from.getTime() + ms);
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;

  it('accepts a supported code with `to` after `from`, up to the bucket bound for the width', () => {
    expect(MAX_SUMMARY_BUCKETS).toBe(1_440);
    expect(() => checkSummaryArgs('8867-4', from, plus(MAX_SUMMARY_BUCKETS * MINUTE), 'MINUTE')).not.toThrow();
    expect(() => checkSummaryArgs('8867-4', from, plus(MAX_SUMMARY_BUCKETS * HOUR), 'HOUR')).not.toThrow();
    expect(() => checkSummaryArgs('8867-4', from, plus(MAX_SUMMARY_BUCKETS * DAY), 'DAY')).not.toThrow();
  });

  it('rejects an unknown code', () => {
    expect(rejectedField(() => checkSummaryArgs('0000-0', from, plus(DAY), 'HOUR'))).toBe('code');
  });

  it('rejects `to` not after `from`', () => {
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, from, 'HOUR'))).toBe('to');
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, plus(-1), 'HOUR'))).toBe('to');
  });

  it('rejects ranges holding more buckets than the bound, naming `from`', () => {
    // The finding: a 7-day MINUTE summary was 10 080 buckets.
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, plus(7 * DAY), 'MINUTE'))).toBe('from');
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, plus(MAX_SUMMARY_BUCKETS * MINUTE + 1), 'MINUTE'))).toBe('from');
    expect(() => checkSummaryArgs('8867-4', plus(30_000), plus(MAX_SUMMARY_BUCKETS * MINUTE), 'MINUTE')).not.toThrow();
    expect(rejectedField(() => checkSummaryArgs('8867-4', plus(30_000), plus(MAX_SUMMARY_BUCKETS * MINUTE + 30_000), 'MINUTE'))).toBe('from');
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, plus(400 * DAY), 'HOUR'))).toBe('from');
    expect(rejectedField(() => checkSummaryArgs('8867-4', from, plus(3660 * DAY), 'DAY'))).toBe('from');
  });
});

describe('checkTimelineArgs', () => {
  const from = new Date(NOW - DAY);

  it('accepts any subset of the optional arguments', () => {
    expect(() => checkTimelineArgs({})).not.toThrow();
    expect(() => checkTimelineArgs({ code: null, from: null, to: null })).not.toThrow();
    expect(() => checkTimelineArgs({ code: '8310-5', from })).not.toThrow();
    expect(() => checkTimelineArgs({ to: from })).not.toThrow();
    expect(() => checkTimelineArgs({ from, to: new Date(NOW) })).not.toThrow();
  });

  it('rejects an unknown code and `to` not after `from`', () => {
    expect(rejectedField(() => checkTimelineArgs({ code: 'heart-rate' }))).toBe('code');
    expect(rejectedField(() => checkTimelineArgs({ from, to: from }))).toBe('to');
    expect(rejectedField(() => checkTimelineArgs({ from, to: new Date(NOW - 2 * DAY) }))).toBe('to');
  });
});
