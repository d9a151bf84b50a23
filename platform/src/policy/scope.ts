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

/** Fetches the patient ids on a clinician's care teams (from the patients domain). */
export type CareTeamPanelLookup = (clinicianId: string, request: RequestInfo) => Promise<string[]>;

/** Resolves a reach into a scope lazily and at most once per request. */
export function scopeResolver(reach: Reach, request: RequestInfo, panel: CareTeamPanelLookup): () => Promise<Scope> {
  let scope: Promise<Scope> | undefined;
  return () => (scope ??= resolve(reach, request, panel));
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
