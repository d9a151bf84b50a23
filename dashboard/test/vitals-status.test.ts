import { describe, expect, it } from 'vitest';
import { flagOf, patientStatus } from '../src/vitals/status.ts';
import { timeRangeOf } from '../src/views/patient/time-range.ts';
import { chartSeriesOf, codesOfSeries } from '../src/vitals/codes.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const ranges = new Map([
  ['8867-4', { low: 60, high: 100 }],
  ['59408-5', { low: 95, high: null }],
]);

describe('the status column of My patients', () => {
  it('flags a reading outside its reference range, bounds inclusive, a missing bound not checked', () => {
    expect(flagOf(59, ranges.get('8867-4'))).toBe('low');
    expect(flagOf(60, ranges.get('8867-4'))).toBeNull();
    expect(flagOf(100, ranges.get('8867-4'))).toBeNull();
    expect(flagOf(101, ranges.get('8867-4'))).toBe('high');
    expect(flagOf(100, ranges.get('59408-5'))).toBeNull();
    expect(flagOf(1000, undefined)).toBeNull();
  });

  it('is stale when the newest reading is older than the limit, or there is none', () => {
    const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
    const status = patientStatus(
      [
        { code: '8867-4', value: 120, effectiveAt: at(200) },
        { code: '59408-5', value: 93, effectiveAt: at(90) },
      ],
      ranges,
      120,
      NOW,
    );
    expect(status).toEqual({ outOfRange: [{ code: '8867-4', flag: 'high' }, { code: '59408-5', flag: 'low' }], stale: false, lastReadingAt: at(90) });
    expect(patientStatus([{ code: '8867-4', value: 70, effectiveAt: at(121) }], ranges, 120, NOW).stale).toBe(true);
    expect(patientStatus([], ranges, 120, NOW)).toEqual({ outOfRange: [], stale: true, lastReadingAt: null });
  });
});

describe('the chart range', () => {
  it('sizes buckets to the span and shows each reading on ranges up to 48 h', () => {
    expect(timeRangeOf('24h', { from: null, to: null }, NOW)).toEqual({ from: '2026-11-30T12:00:00.000Z', to: '2026-12-01T12:00:00.000Z', bucket: 'HOUR', showReadings: true });
    expect(timeRangeOf('7d', { from: null, to: null }, NOW)).toMatchObject({ from: '2026-11-24T12:00:00.000Z', bucket: 'HOUR', showReadings: false });
    expect(timeRangeOf('30d', { from: null, to: null }, NOW)).toMatchObject({ bucket: 'HOUR' });
    expect(timeRangeOf('custom', { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }, NOW)).toMatchObject({ bucket: 'DAY', showReadings: false });
    expect(timeRangeOf('custom', { from: '2026-12-01T08:00:00Z', to: '2026-12-01T10:00:00Z' }, NOW)).toMatchObject({ bucket: 'MINUTE', showReadings: true });
  });

  it('has no range for a custom end before its start, or a missing bound', () => {
    expect(timeRangeOf('custom', { from: '2026-12-01T10:00:00Z', to: '2026-12-01T08:00:00Z' }, NOW)).toBeNull();
    expect(timeRangeOf('custom', { from: null, to: '2026-12-01T08:00:00Z' }, NOW)).toBeNull();
  });

  it('charts systolic and diastolic as one blood-pressure series', () => {
    const series = chartSeriesOf(['8480-6', '8867-4', '8462-4']);
    expect(series).toEqual(['blood-pressure', '8867-4']);
    expect(codesOfSeries('blood-pressure')).toEqual(['8480-6', '8462-4']);
  });
});
