import type { RequestInfo } from '../request.ts';
import type { Reach } from './reach.ts';

/**
 * A reach made concrete for SQL in domains that do not own care teams: a clinician's care-team
 * reach becomes the list of patient ids, asked once per request of the patients domain.
 */
export type Scope =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'patients'; organizationId: string; patientIds: string[] }
  | { kind: 'device'; organizationId: string; deviceId: string };

/**
 * Fetches the patient ids on a clinician's care teams (from the patients domain): all of them, or
 * only those among `patientIds`.
 */
export type CareTeamPanelLookup = (clinicianId: string, request: RequestInfo, patientIds?: readonly string[]) => Promise<string[]>;

/** The viewer's scope: the whole of it, or what of it a read of some patients' records needs. */
export interface ScopeResolver {
  (): Promise<Scope>;
  /**
   * A scope as good as the whole one for reads of these patients' records only (devices assigned
   * to them, their observations): for a clinician, those of them on the care-team panel, asked for
   * by id instead of fetching the whole panel. Other reaches are the whole scope.
   */
  forPatients(patientIds: readonly string[]): Promise<Scope>;
}

/** Resolves a reach into a scope lazily; the whole scope at most once per request. */
export function scopeResolver(reach: Reach, request: RequestInfo, panel: CareTeamPanelLookup): ScopeResolver {
  let scope: Promise<Scope> | undefined;
  const whole = () => (scope ??= resolve(reach, request, panel));
  return Object.assign(whole, {
    async forPatients(patientIds: readonly string[]): Promise<Scope> {
      if (reach.kind !== 'careTeam' || scope) return whole();
      return { kind: 'patients', organizationId: reach.organizationId, patientIds: await panel(reach.clinicianId, request, patientIds) };
    },
  });
}

async function resolve(reach: Reach, request: RequestInfo, panel: CareTeamPanelLookup): Promise<Scope> {
  switch (reach.kind) {
    case 'careTeam':
      return { kind: 'patients', organizationId: reach.organizationId, patientIds: await panel(reach.clinicianId, request) };
    case 'patient':
      return { kind: 'patients', organizationId: reach.organizationId, patientIds: [reach.patientId] };
    default:
      return reach;
  }
}
