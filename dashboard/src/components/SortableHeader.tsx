import type { SortDirection } from '../views/patients/patient-rows.ts';

/** A column header that sorts the table; `aria-sort` tells assistive technology the order. */
export function SortableHeader<K extends string>(props: {
  label: string;
  sortKey: K;
  active: K | null;
  direction: SortDirection;
  onSort: (key: K) => void;
}) {
  const sorted = props.active === props.sortKey;
  return (
    <th scope="col" aria-sort={sorted ? (props.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => props.onSort(props.sortKey)}>
        {props.label}
        <span aria-hidden="true">{sorted ? (props.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}
