import { DIASTOLIC, shortLabel, SYSTOLIC } from './codes.ts';
import { flagOf, type ReferenceRange } from './status.ts';
import { displayUnit, formatValue } from './units.ts';
import { timeSince } from './time.ts';

export interface LatestVital {
  code: string;
  display: string | null;
  value: number;
  unit: string;
  effectiveAt: string;
}

interface Item {
  key: string;
  label: string;
  text: string;
  flagged: boolean;
  effectiveAt: string;
}

/** The latest readings as one item per vital; systolic and diastolic together as blood pressure. */
function itemsOf(vitals: readonly LatestVital[], ranges: ReadonlyMap<string, ReferenceRange>): Item[] {
  const systolic = vitals.find((v) => v.code === SYSTOLIC);
  const diastolic = vitals.find((v) => v.code === DIASTOLIC);
  const items: Item[] = [];
  if (systolic && diastolic) {
    items.push({
      key: 'bp',
      label: 'Blood pressure',
      text: `${systolic.value}/${diastolic.value} ${displayUnit(systolic.unit)}`,
      flagged: Boolean(flagOf(systolic.value, ranges.get(SYSTOLIC)) || flagOf(diastolic.value, ranges.get(DIASTOLIC))),
      effectiveAt: systolic.effectiveAt > diastolic.effectiveAt ? systolic.effectiveAt : diastolic.effectiveAt,
    });
  }
  for (const vital of vitals) {
    if (systolic && diastolic && (vital === systolic || vital === diastolic)) continue;
    items.push({
      key: vital.code,
      label: shortLabel(vital.code, vital.display),
      text: formatValue(vital.value, vital.unit),
      flagged: Boolean(flagOf(vital.value, ranges.get(vital.code))),
      effectiveAt: vital.effectiveAt,
    });
  }
  return items;
}

/** Compact chips for a table cell. */
export function LatestVitalChips({ vitals, ranges }: { vitals: readonly LatestVital[]; ranges: ReadonlyMap<string, ReferenceRange> }) {
  if (vitals.length === 0) return <span className="muted">No readings</span>;
  return (
    <ul className="chips">
      {itemsOf(vitals, ranges).map((item) => (
        <li key={item.key} className={item.flagged ? 'chip chip--flagged' : 'chip'}>
          <span className="chip__label">{item.label}</span> {item.text}
          {item.flagged ? <span className="visually-hidden"> (out of range)</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A definition list for the patient page: each vital, its value and when it was measured. */
export function LatestVitalList({ vitals, ranges }: { vitals: readonly LatestVital[]; ranges: ReadonlyMap<string, ReferenceRange> }) {
  if (vitals.length === 0) return <p className="muted">No readings yet.</p>;
  return (
    <dl className="vital-list">
      {itemsOf(vitals, ranges).map((item) => (
        <div key={item.key} className={item.flagged ? 'vital vital--flagged' : 'vital'} data-vital={item.key}>
          <dt>{item.label}</dt>
          <dd>
            <span className="vital__value">{item.text}</span>
            {item.flagged ? <span className="badge badge--alert">out of range</span> : null}
            <span className="muted"> {timeSince(item.effectiveAt)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
