import { shortLabel } from '../../vitals/codes.ts';
import type { PatientRow } from './patient-rows.ts';

/** What needs attention: out-of-range vitals, readings that stopped, devices gone quiet. */
export function PatientStatusCell({ row }: { row: PatientRow }) {
  const { outOfRange, stale } = row.status;
  const badges = [
    ...outOfRange.map((item) => ({ key: item.code, tone: 'alert', text: `${shortLabel(item.code)} ${item.flag}` })),
    ...(stale ? [{ key: 'stale', tone: 'warn', text: 'Stale' }] : []),
    ...(row.offlineDevices > 0 ? [{ key: 'offline', tone: 'warn', text: `${row.offlineDevices} device${row.offlineDevices > 1 ? 's' : ''} offline` }] : []),
  ];
  if (badges.length === 0) return <span className="badge badge--ok">In range</span>;
  return (
    <ul className="badges">
      {badges.map((badge) => (
        <li key={badge.key} className={`badge badge--${badge.tone}`}>
          {badge.text}
        </li>
      ))}
    </ul>
  );
}
