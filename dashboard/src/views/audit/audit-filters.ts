import type { AuditOutcome, AuditTrailQueryVariables } from '../../gql/graphql.ts';

/** The trail's filters as the URL holds them (so a filtered view can be shared). */
export interface AuditFilters {
  patient: string;
  actor: string;
  request: string;
  outcome: AuditOutcome | '';
  /** RFC 3339 with the offset of the browser that chose it, as sent to the API. */
  from: string;
  to: string;
}

export const FILTER_PARAMS = ['patient', 'actor', 'request', 'outcome', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];
const OUTCOMES: readonly AuditOutcome[] = ['SUCCESS', 'DENIED', 'FAILURE'];

export function filtersOf(params: URLSearchParams): AuditFilters {
  const outcome = OUTCOMES.find((o) => o === params.get('outcome')) ?? '';
  const text = (name: string) => params.get(name)?.trim() ?? '';
  return { patient: text('patient'), actor: text('actor'), request: text('request'), outcome, from: text('from'), to: text('to') };
}

export function variablesOf(filters: AuditFilters): Omit<AuditTrailQueryVariables, 'first' | 'after'> {
  const given = (value: string) => value || undefined;
  return {
    patientId: given(filters.patient),
    actor: given(filters.actor),
    requestId: given(filters.request),
    outcome: filters.outcome || undefined,
    from: given(filters.from),
    to: given(filters.to),
  };
}

export function isFiltered(filters: AuditFilters): boolean {
  return FILTER_PARAMS.some((name) => filters[name] !== '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A `datetime-local` value (wall-clock time, no zone) as RFC 3339 with this browser's offset at
 * that instant, as the API requires: `2026-01-31T13:00` in Berlin is `2026-01-31T13:00:00+01:00`.
 */
export function localToRfc3339(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`;
}

/** An RFC 3339 instant as this browser's wall-clock time, for a `datetime-local` input. */
export function rfc3339ToLocal(instant: string): string {
  const ms = Date.parse(instant);
  if (!instant || Number.isNaN(ms)) return '';
  const date = new Date(ms);
  const seconds = date.getSeconds() ? `:${pad(date.getSeconds())}` : '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
}
