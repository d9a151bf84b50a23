/** Short labels for the LOINC codes the API accepts (the API's `display` is the long form). */
const SHORT: Record<string, string> = {
  '8867-4': 'Heart rate',
  '59408-5': 'SpO₂',
  '9279-1': 'Resp. rate',
  '8310-5': 'Temperature',
  '8480-6': 'Systolic',
  '8462-4': 'Diastolic',
  '2339-0': 'Glucose',
  '29463-7': 'Weight',
};

export const SYSTOLIC = '8480-6';
export const DIASTOLIC = '8462-4';
/** Blood pressure is read as one value (systolic/diastolic) and charted as one. */
export const BLOOD_PRESSURE = 'blood-pressure';

export function shortLabel(code: string, display?: string | null): string {
  return SHORT[code] ?? display ?? code;
}

/** The chartable series of a set of codes: systolic and diastolic become one blood-pressure series. */
export function chartSeriesOf(codes: Iterable<string>): string[] {
  const series = new Set<string>();
  for (const code of codes) series.add(code === SYSTOLIC || code === DIASTOLIC ? BLOOD_PRESSURE : code);
  return [...series];
}

export function seriesLabel(series: string): string {
  return series === BLOOD_PRESSURE ? 'Blood pressure' : shortLabel(series);
}

export function codesOfSeries(series: string): string[] {
  return series === BLOOD_PRESSURE ? [SYSTOLIC, DIASTOLIC] : [series];
}
