/** UCUM units as a clinician reads them. The API speaks UCUM (`mm[Hg]`, `Cel`); people read mmHg, °C. */
const DISPLAY: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  '/min': '/min',
  '%': '%',
  'mg/dL': 'mg/dL',
  'mmol/L': 'mmol/L',
  kg: 'kg',
};

export function displayUnit(ucum: string): string {
  return DISPLAY[ucum] ?? ucum;
}

export function formatValue(value: number, unit: string): string {
  const digits = Number.isInteger(value) ? 0 : 1;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${displayUnit(unit)}`;
}
