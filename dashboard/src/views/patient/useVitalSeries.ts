import type { CombinedError } from 'urql';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';
import type { ChartSeries } from '../../components/TimeSeriesChart.tsx';
import { VitalReadingsQuery, VitalsSummaryQuery } from './patient-query.ts';
import type { TimeRange } from './time-range.ts';

export interface VitalSeriesResult {
  series: Omit<ChartSeries, 'label' | 'color'> | null;
  unit: string | null;
  fetching: boolean;
  error: CombinedError | undefined;
  /** More readings than one page in the range: the chart shows the first 100 (newest) only. */
  readingsTruncated: boolean;
}

/** One code's summary over the range (and its readings when the range is short). */
export function useVitalSeries(patientId: string, code: string, range: TimeRange): VitalSeriesResult {
  const variables = { id: patientId, code, from: range.from, to: range.to };
  const [summary] = useCurrentQuery({ query: VitalsSummaryQuery, variables: { ...variables, bucket: range.bucket } });
  const [readings] = useCurrentQuery({ query: VitalReadingsQuery, variables, pause: !range.showReadings });
  const buckets = summary.data?.patient?.vitalsSummary;
  const edges = range.showReadings ? (readings.data?.patient?.observations?.edges ?? []) : [];
  const shown = edges.filter((edge) => edge.node.status !== 'ENTERED_IN_ERROR');
  return {
    series: buckets ? { buckets, readings: shown.map((edge) => ({ at: edge.node.effectiveAt, value: edge.node.value })) } : null,
    unit: shown[0]?.node.unit ?? null,
    fetching: summary.fetching || readings.fetching,
    error: summary.error ?? readings.error,
    readingsTruncated: Boolean(readings.data?.patient?.observations?.pageInfo.hasNextPage),
  };
}
