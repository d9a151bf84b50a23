import { useId, useState, type FormEvent } from 'react';
import { AUDIT_OUTCOMES } from '../../components/AuditWords.tsx';
import { localToRfc3339, rfc3339ToLocal, type AuditFilters } from './audit-filters.ts';

type Name = keyof AuditFilters;

const TEXT_INPUTS: readonly { name: 'patient' | 'actor' | 'request'; label: string; hint: string }[] = [
  { name: 'patient', label: 'Patient id', hint: 'Events about this patient.' },
  { name: 'actor', label: 'Actor', hint: 'The caller’s subject id (token sub), e.g. admin-1.' },
  { name: 'request', label: 'Request id', hint: 'Everything one request touched or was refused.' },
];

/**
 * The trail's filters. They apply together when submitted (every one given must hold); times are
 * in this browser's time zone and sent with its offset. What the API refuses is shown at its input.
 */
export function AuditFilterForm({
  filters,
  refused,
  onApply,
  onClear,
}: {
  filters: AuditFilters;
  /** The API's reasons, by filter. */
  refused: ReadonlyMap<Name, string>;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState({ ...filters, from: rfc3339ToLocal(filters.from), to: rfc3339ToLocal(filters.to) });
  const [invalid, setInvalid] = useState<Map<Name, string>>(new Map());
  const problems = new Map([...refused, ...invalid]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = draft.from ? localToRfc3339(draft.from) : '';
    const to = draft.to ? localToRfc3339(draft.to) : '';
    const found = new Map<Name, string>();
    if (from === null) found.set('from', 'is not a valid time');
    if (to === null) found.set('to', 'is not a valid time');
    if (from && to && Date.parse(from) >= Date.parse(to)) found.set('to', 'must be after From');
    setInvalid(found);
    if (found.size === 0) onApply({ ...draft, from: from ?? '', to: to ?? '' });
  };
  const describedBy = (name: Name, hint: boolean) => [problems.has(name) ? `${id}-${name}-error` : null, hint ? `${id}-${name}-hint` : null].filter(Boolean).join(' ') || undefined;
  const error = (name: Name, label: string) =>
    problems.has(name) ? (
      <span id={`${id}-${name}-error`} className="field-error" data-field-error>
        {label} {problems.get(name)}
      </span>
    ) : null;

  return (
    <form className="filter-form" role="search" aria-label="Filter the audit trail" onSubmit={submit}>
      {TEXT_INPUTS.map((input) => (
        <div className="form-field" key={input.name}>
          <label htmlFor={`${id}-${input.name}`}>{input.label}</label>
          <input
            id={`${id}-${input.name}`}
            name={input.name}
            value={draft[input.name]}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setDraft((d) => ({ ...d, [input.name]: event.target.value }))}
            aria-invalid={problems.has(input.name) || undefined}
            aria-describedby={describedBy(input.name, true)}
          />
          <span id={`${id}-${input.name}-hint`} className="field-hint">
            {input.hint}
          </span>
          {error(input.name, input.label)}
        </div>
      ))}
      <div className="form-field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          name="outcome"
          value={draft.outcome}
          onChange={(event) => setDraft((d) => ({ ...d, outcome: AUDIT_OUTCOMES.find((o) => o.value === event.target.value)?.value ?? '' }))}
        >
          <option value="">Any</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome.value} value={outcome.value}>
              {outcome.label}
            </option>
          ))}
        </select>
      </div>
      {(['from', 'to'] as const).map((name) => (
        <div className="form-field" key={name}>
          <label htmlFor={`${id}-${name}`}>{name === 'from' ? 'From' : 'To'}</label>
          <input
            id={`${id}-${name}`}
            name={name}
            type="datetime-local"
            step={1}
            value={draft[name]}
            onChange={(event) => setDraft((d) => ({ ...d, [name]: event.target.value }))}
            aria-invalid={problems.has(name) || undefined}
            aria-describedby={describedBy(name, true)}
          />
          <span id={`${id}-${name}-hint`} className="field-hint">
            {name === 'from' ? 'At or after, your time zone.' : 'Before, your time zone.'}
          </span>
          {error(name, name === 'from' ? 'From' : 'To')}
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" onClick={onClear}>
          Clear
        </button>
      </div>
    </form>
  );
}
