import type { CareTeamPanelLookup } from '../policy/scope.ts';
import { entityLookup } from './entity-lookup.ts';
import type { SubgraphTransport } from './transport.ts';

/** Asks the patients domain (which owns care teams) for the caller's own care-team panel. */
export function careTeamPanelLookup(patients: SubgraphTransport): CareTeamPanelLookup {
  const lookup = entityLookup<{ clinicianId: string; patientIds: string[] }>(
    patients,
    'CareTeamPanel',
    'clinicianId patientIds',
    'clinicianId',
  );
  return async (clinicianId, request) => (await lookup([clinicianId], request)).get(clinicianId)?.patientIds ?? [];
}
