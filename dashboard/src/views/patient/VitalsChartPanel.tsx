import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { FieldStatus, Loading, Panel } from '../../components/FieldStatus.tsx';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.tsx';
import { problemAt, type FieldProblem } from '../../graphql/field-errors.ts';
import type { LatestVitalFragment } from '../../gql/graphql.ts';
import { chartSeriesOf, codesOfSeries, seriesLabel } from '../../vitals/codes.ts';
import { displayUnit } from '../../vitals/units.ts';
import { RANGE_CHOICES, timeRangeOf, type RangeChoice, type TimeRange } from './time-range.ts';
import { useVitalSeries } from './useVitalSeries.ts';

const COLORS = ['#0b5cad', '#b3261e'];
const BUCKET_SECONDS = { MINUTE: 60, HOUR: 3600, DAY: 86_400 } as const;

/**
 * The chart panel of a patient's latest vitals: unavailable or restricted as they are, else the
 * chart of each vital they name (patient page, my record).
 */
export function VitalsOverTime({ patientId, latest, problem }: { patientId: string; latest: readonly LatestVitalFragment[]; problem: FieldProblem | null }) {
  if (problem) {
    return (
      <Panel title="Vitals over time" id="vitals-chart" problem={problem}>
        {null}
      </Panel>
    );
  }
  return <VitalsChartPanel patientId={patientId} codes={latest.map((v) => v.code)} unitOf={(code) => latest.find((v) => v.code === code)?.unit ?? null} />;
}

/** Vitals over a chosen range: one chart per vital, blood pressure as systolic and diastolic together. */
export function VitalsChartPanel({ patientId, codes, unitOf }: { patientId: string; codes: readonly string[]; unitOf: (code: string) => string | null }) {
  const [params, setParams] = useSearchParams();
  const available = chartSeriesOf(codes);
  const selected = available.find((s) => s === params.get('vital')) ?? available[0];
  const choice = (RANGE_CHOICES.find((c) => c.value === params.get('range'))?.value ?? '7d') as RangeChoice;
  const range = useMemo(
    () => timeRangeOf(choice, { from: params.get('from'), to: params.get('to') }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the choice changes, not every render
    [choice, params.get('from'), params.get('to')],
  );
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) (value ? next.set(key, value) : next.delete(key));
    setParams(next, { replace: true });
  };

  if (!selected) {
    return (
      <Panel title="Vitals over time" id="vitals-chart">
        <p className="muted">No vitals recorded yet.</p>
      </Panel>
    );
  }
  return (
    <Panel title="Vitals over time" id="vitals-chart">
      <div className="toolbar">
        <div role="group" aria-label="Vital" className="segmented">
          {available.map((series) => (
            <button key={series} type="button" aria-pressed={series === selected} onClick={() => set({ vital: series })}>
              {seriesLabel(series)}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Time range" className="segmented">
          {RANGE_CHOICES.map((option) => (
            <button key={option.value} type="button" aria-pressed={option.value === choice} onClick={() => set({ range: option.value })}>
              {option.label}
            </button>
          ))}
        </div>
        {choice === 'custom' ? <CustomRange from={params.get('from')} to={params.get('to')} onChange={set} /> : null}
      </div>
      {range ? (
        <VitalChart key={`${selected}-${range.from}`} patientId={patientId} series={selected} range={range} unitOf={unitOf} />
      ) : (
        <p role="alert">Choose a start before the end.</p>
      )}
    </Panel>
  );
}

function CustomRange({ from, to, onChange }: { from: string | null; to: string | null; onChange: (changes: Record<string, string | null>) => void }) {
  const local = (iso: string | null) => (iso ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
  const iso = (value: string) => (value ? new Date(value).toISOString() : null);
  return (
    <div className="custom-range">
      <label>
        From <input type="datetime-local" value={local(from)} onChange={(event) => onChange({ from: iso(event.target.value) })} />
      </label>
      <label>
        To <input type="datetime-local" value={local(to)} onChange={(event) => onChange({ to: iso(event.target.value) })} />
      </label>
    </div>
  );
}

function VitalChart({ patientId, series, range, unitOf }: { patientId: string; series: string; range: TimeRange; unitOf: (code: string) => string | null }) {
  const codes = codesOfSeries(series);
  // Blood pressure is two codes; every other vital one (the second hook then asks for the same code, from urql's cache).
  const first = useVitalSeries(patientId, codes[0]!, range);
  const second = useVitalSeries(patientId, codes[1] ?? codes[0]!, range);
  const parts = codes.length === 2 ? [first, second] : [first];
  const chartSeries = useMemo<ChartSeries[] | null>(
    () =>
      parts.every((part) => part.series)
        ? parts.map((part, i) => ({ ...part.series!, label: codes.length === 2 ? (i === 0 ? 'Systolic' : 'Diastolic') : seriesLabel(series), color: COLORS[i]! }))
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- parts are derived from first/second
    [first.series, second.series],
  );
  const problem = parts.map((part) => problemAt(part.error, ['patient', 'vitalsSummary']) ?? problemAt(part.error, ['patient'])).find(Boolean) ?? null;
  if (problem) {
    return (
      <p className="panel__problem" data-panel-status={problem}>
        <FieldStatus problem={problem} />
      </p>
    );
  }
  if (!chartSeries) return <Loading what="the chart" />;
  const unit = displayUnit(unitOf(codes[0]!) ?? first.unit ?? '');
  const total = chartSeries.reduce((n, s) => n + s.buckets.length, 0);
  return (
    <>
      {total === 0 ? <p className="muted">No readings in this range.</p> : null}
      <TimeSeriesChart series={chartSeries} unit={unit} span={range} bucketSeconds={BUCKET_SECONDS[range.bucket]} caption={`${seriesLabel(series)} (${unit}), ${range.bucket.toLowerCase()} min–max band and mean${range.showReadings ? ', with each reading' : ''}`} />
      {parts.some((part) => part.readingsTruncated) ? <p className="muted">Showing the newest 100 readings of this range.</p> : null}
    </>
  );
}
