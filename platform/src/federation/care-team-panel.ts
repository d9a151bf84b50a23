import type { CareTeamPanelLookup } from '../policy/scope.ts';
import { entityLookup } from './entity-lookup.ts';
import type { SubgraphTransport } from './transport.ts';

/**
 * Asks the patients domain (which owns care teams) for the caller's own care-team panel: the
 * whole of it, or only which of some given patients are on it (a panel is hundreds of patients;
 * a lookup by patient needs a handful).
 */
export function careTeamPanelLookup(patients: SubgraphTransport): CareTeamPanelLookup {
  const whole = entityLookup<{ clinicianId: string; patientIds: string[] }>(patients, 'CareTeamPanel', 'clinicianId patientIds', 'clinicianId');
  const among = entityLookup<{ clinicianId: string; patientIdsAmong: string[] }>(
    patients,
    'CareTeamPanel',
    'clinicianId patientIdsAmong(ids: $among)',
    'clinicianId',
    { among: '[ID!]!' },
  );
  return async (clinicianId, request, patientIds) => {
    if (!patientIds) return (await whole([clinicianId], request)).get(clinicianId)?.patientIds ?? [];
    if (patientIds.length === 0) return [];
    return (await among([clinicianId], request, { among: patientIds })).get(clinicianId)?.patientIdsAmong ?? [];
  };
}
