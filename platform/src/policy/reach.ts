import type { Viewer } from '../request.ts';
import type { IntegratorScope } from '../identity/roles.ts';

/**
 * Which records a viewer can reach, per domain: the record-level half of the access model
 * (DESIGN.md). Each domain's repository turns a reach into SQL conditions, so every path to a
 * record (root field, nested list, entity reference, aggregate) is filtered the same way.
 */
export type Reach =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'organization'; organizationId: string }
  /** Records of the patients on the clinician's care teams (the patients domain owns that list). */
  | { kind: 'careTeam'; organizationId: string; clinicianId: string }
  | { kind: 'patient'; organizationId: string; patientId: string }
  | { kind: 'device'; organizationId: string; deviceId: string };

const NONE: Reach = { kind: 'none' };

export function hasScope(viewer: Viewer | null, ...scopes: IntegratorScope[]): boolean {
  return viewer?.role === 'integrator' && scopes.some((scope) => viewer.scopes.includes(scope));
}

function ownOrganization(viewer: Viewer): Reach {
  return viewer.organizationId ? { kind: 'organization', organizationId: viewer.organizationId } : NONE;
}

function personal(viewer: Viewer): Reach {
  const organizationId = viewer.organizationId;
  if (!organizationId) return NONE;
  if (viewer.role === 'clinician') return { kind: 'careTeam', organizationId, clinicianId: viewer.sub };
  if (viewer.role === 'patient' && viewer.patientId) return { kind: 'patient', organizationId, patientId: viewer.patientId };
  return NONE;
}

/** Patients. Devices reach their organization's patients only for write checks; field rules show them nothing but ids. */
export function patientReach(viewer: Viewer | null): Reach {
  if (!viewer) return NONE;
  switch (viewer.role) {
    case 'analyst':
      return { kind: 'all' };
    case 'org_admin':
    case 'device':
      return ownOrganization(viewer);
    case 'integrator':
      return viewer.scopes.length > 0 ? ownOrganization(viewer) : NONE;
    case 'clinician':
    case 'patient':
      return personal(viewer);
    default:
      return NONE;
  }
}

/** Devices: a clinician's are those assigned to care-team patients; a device reaches itself. */
export function deviceReach(viewer: Viewer | null): Reach {
  if (!viewer) return NONE;
  switch (viewer.role) {
    case 'analyst':
      return { kind: 'all' };
    case 'org_admin':
      return ownOrganization(viewer);
    case 'integrator':
      return hasScope(viewer, 'devices:read', 'devices:write', 'observations:write') ? ownOrganization(viewer) : NONE;
    case 'device':
      return viewer.organizationId && viewer.deviceId
        ? { kind: 'device', organizationId: viewer.organizationId, deviceId: viewer.deviceId }
        : NONE;
    case 'clinician':
    case 'patient':
      return personal(viewer);
    default:
      return NONE;
  }
}

/** Observations, by the patient they are about. Devices write observations but read none. */
export function observationReach(viewer: Viewer | null): Reach {
  if (!viewer) return NONE;
  switch (viewer.role) {
    case 'analyst':
      return { kind: 'all' };
    case 'org_admin':
      return ownOrganization(viewer);
    case 'integrator':
      return hasScope(viewer, 'observations:read') ? ownOrganization(viewer) : NONE;
    case 'clinician':
    case 'patient':
      return personal(viewer);
    default:
      return NONE;
  }
}
