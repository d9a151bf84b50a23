import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One measured quantity: summary buckets (min/max band, mean line) and, for short ranges, each reading. */
export interface ChartSeries {
  label: string;
  /** A CSS colour with enough contrast on white. */
  color: string;
  buckets: readonly { start: string; min: number; max: number; mean: number }[];
  readings: readonly { at: string; value: number }[];
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * uPlot wants one x axis: every series' buckets and readings are joined on their timestamps. A
 * bucket is drawn at its middle, where the readings it summarises are, not at its start.
 */
function alignedData(series: readonly ChartSeries[], bucketSeconds: number): AlignedData {
  const tables: AlignedData[] = [];
  const middle = (start: string) => seconds(start) + bucketSeconds / 2;
  for (const s of series) {
    tables.push([s.buckets.map((b) => middle(b.start)), s.buckets.map((b) => b.min), s.buckets.map((b) => b.max), s.buckets.map((b) => b.mean)]);
    tables.push([s.readings.map((r) => seconds(r.at)), s.readings.map((r) => r.value)]);
  }
  return uPlot.join(tables as uPlot.AlignedData[]);
}

function optionsFor(series: readonly ChartSeries[], width: number, unit: string, span: { from: string; to: string }): Options {
  const fade = (color: string, alpha: string) => (color.startsWith('#') && color.length === 7 ? `${color}${alpha}` : color);
  const uSeries: Options['series'] = [{}];
  const bands: NonNullable<Options['bands']> = [];
  series.forEach((s, i) => {
    const base = 1 + i * 4; // min, max, mean, reading
    uSeries.push(
      { label: `${s.label} min`, stroke: fade(s.color, '66'), width: 1, spanGaps: false, points: { show: false } },
      { label: `${s.label} max`, stroke: fade(s.color, '66'), width: 1, spanGaps: false, points: { show: false } },
      { label: `${s.label} mean`, stroke: s.color, width: 2, spanGaps: false, points: { show: false } },
      { label: `${s.label} reading`, stroke: s.color, width: 0, paths: () => null, points: { show: true, size: 5, fill: s.color } },
    );
    bands.push({ series: [base + 1, base], fill: fade(s.color, '22') });
  });
  return {
    width,
    height: 260,
    series: uSeries,
    bands,
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false } },
    // The whole chosen range, not just where readings are: a gap shows as a gap.
    scales: { x: { time: true, range: () => [seconds(span.from), seconds(span.to)] } },
    axes: [{}, { label: unit, size: 60 }],
  };
}

/**
 * A dense time-series chart (uPlot, canvas): summary bands and means, with every reading on short
 * ranges. The figure also carries the summary as a table (closed by default), for screen readers
 * and for anyone who wants the numbers.
 */
export function TimeSeriesChart(props: {
  series: readonly ChartSeries[];
  unit: string;
  caption: string;
  span: { from: string; to: string };
  /** The length of one summary bucket (MINUTE 60, HOUR 3600, DAY 86400). */
  bucketSeconds: number;
}) {
  const { series, unit, caption, span, bucketSeconds } = props;
  const container = useRef<HTMLDivElement>(null);
  const points = series.reduce((n, s) => n + s.buckets.length + s.readings.length, 0);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const plot = new uPlot(optionsFor(series, Math.max(280, element.clientWidth), unit, span), alignedData(series, bucketSeconds), element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, unit, span, bucketSeconds]);

  return (
    <figure className="chart" data-chart-points={points}>
      <div ref={container} className="chart__canvas" role="img" aria-label={`${caption}: chart of ${points} points`} />
      <figcaption>{caption}</figcaption>
      <ChartDataTable series={series} unit={unit} />
    </figure>
  );
}

/** Rows kept in the table: a 30-day hourly chart has 720 buckets, more than anyone reads. */
const TABLE_ROWS = 200;

/** The chart's summary as numbers, newest first, one row per bucket and series. */
function ChartDataTable({ series, unit }: { series: readonly ChartSeries[]; unit: string }) {
  const rows = series
    .flatMap((s) => s.buckets.map((bucket) => ({ label: s.label, ...bucket })))
    .sort((a, b) => b.start.localeCompare(a.start))
    .slice(0, TABLE_ROWS);
  if (rows.length === 0) return null;
  return (
    <details className="chart__table">
      <summary>Show the data as a table</summary>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">From</th>
            {series.length > 1 ? <th scope="col">Vital</th> : null}
            <th scope="col">Min ({unit})</th>
            <th scope="col">Mean ({unit})</th>
            <th scope="col">Max ({unit})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.label}-${row.start}`}>
              <th scope="row">
                <time dateTime={row.start}>{new Date(row.start).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}</time>
              </th>
              {series.length > 1 ? <td>{row.label}</td> : null}
              <td>{round(row.min)}</td>
              <td>{round(row.mean)}</td>
              <td>{round(row.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const round = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 1 });
