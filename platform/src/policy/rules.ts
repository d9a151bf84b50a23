import { rule } from 'graphql-shield';
import type { Viewer } from '../request.ts';
import type { Role } from '../identity/roles.ts';
import { hasScope } from './reach.ts';

/**
 * Field-level rules: what each role may see of a record it can reach (DESIGN.md table). Every
 * subgraph's permissions are built from these, so the policy is written once.
 */
type Check = (viewer: Viewer) => boolean;

function viewerRule(name: string, check: Check) {
  return rule(name, { cache: 'contextual' })((_parent, _args, context: { request?: { viewer: Viewer | null } }) => {
    const viewer = context.request?.viewer;
    return viewer ? check(viewer) : false;
  });
}

const roleIn = (...roles: Role[]): Check => (viewer) => roles.includes(viewer.role);

/** The plain checks behind the rules, for resolvers that must decide on arguments (e.g. a PHI filter). */
export const checks = {
  readPhi: (v: Viewer) => roleIn('patient', 'clinician', 'org_admin')(v) || hasScope(v, 'patients:read:phi'),
};

export const rules = {
  /** Anyone signed in (for ids, pagination wrappers and the like, on records already in reach). */
  signedIn: viewerRule('signedIn', () => true),
  /** Non-PHI patient fields. */
  readPatients: viewerRule('readPatients', (v) => roleIn('patient', 'clinician', 'org_admin', 'analyst')(v) || hasScope(v, 'patients:read', 'patients:read:phi')),
  /** PHI: direct identifiers. Never for analysts, devices or auditors. */
  readPhi: viewerRule('readPhi', checks.readPhi),
  /** Relationship data that names people (care-team subjects): not for de-identified callers. */
  readCareTeam: viewerRule('readCareTeam', (v) => roleIn('patient', 'clinician', 'org_admin')(v) || hasScope(v, 'patients:read', 'patients:read:phi')),
  managePatients: viewerRule('managePatients', roleIn('org_admin')),
  readDevices: viewerRule('readDevices', (v) => roleIn('patient', 'clinician', 'org_admin', 'analyst', 'device')(v) || hasScope(v, 'devices:read')),
  /** Device identifiers (serial numbers) are direct identifiers for de-identification. */
  readDeviceIdentifiers: viewerRule('readDeviceIdentifiers', (v) => roleIn('patient', 'clinician', 'org_admin', 'device')(v) || hasScope(v, 'devices:read')),
  manageDevices: viewerRule('manageDevices', (v) => roleIn('org_admin')(v) || hasScope(v, 'devices:write')),
  readObservations: viewerRule('readObservations', (v) => roleIn('patient', 'clinician', 'org_admin', 'analyst')(v) || hasScope(v, 'observations:read')),
  recordObservations: viewerRule('recordObservations', (v) => roleIn('device', 'clinician')(v) || hasScope(v, 'observations:write')),
  /** Corrections (amend, entered in error): people and systems that record, never a device (it would correct itself). */
  amendObservations: viewerRule('amendObservations', (v) => roleIn('clinician')(v) || hasScope(v, 'observations:write')),
  /** The audit trail: auditors only. */
  readAudit: viewerRule('readAudit', roleIn('auditor')),
  /** A patient's accounting of disclosures: the patient themself and their organization's admins. */
  readAccessLog: viewerRule('readAccessLog', roleIn('patient', 'org_admin')),
};

/**
 * The platform's own calls, made with no caller: in memory, or over HTTP with the router's service
 * proof (see RouterProof). Only internal, @inaccessible fields use this; a caller never matches it.
 */
export const platformOnly = rule('platformOnly', { cache: 'contextual' })(
  (_parent, _args, context: { request?: { viewer: Viewer | null } }) => context.request !== undefined && context.request.viewer === null,
);
