import type { JWTPayload } from 'jose';
import { CaregraphError, hasControlCharacters, hasFormatCharacters, isId } from '@caregraph/schema-standards';
import type { Viewer } from '../request.ts';
import { isOrganizationRole, isRole, MFA_METHODS, type Role } from './roles.ts';

/** Where the claims caregraph needs sit in a provider's tokens (dotted paths). */
export interface ClaimNames {
  /** Default `role`; e.g. `realm_access.roles` for Keycloak. A list picks the first known role. */
  role: string;
  /** Default `org`. */
  organization: string;
  /** Default `patient_id`. */
  patient: string;
  /** Default `device_id`. */
  device: string;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = {
  role: 'role',
  organization: 'org',
  patient: 'patient_id',
  device: 'device_id',
};

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], payload);
}

/** Organization, patient and device claims name caregraph records, whose ids are UUIDs. */
function idClaim(payload: JWTPayload, path: string, what: string): string | null {
  const value = stringClaim(payload, path);
  if (value !== null && !isId(value)) reject(`the ${what} claim is not a caregraph id`);
  return value;
}

/**
 * Identifiers from a token go into logs and the audit trail: printable text of at most 255
 * characters, no control or invisible formatting characters (a NUL reached SQL and failed the
 * audit append; an override would make a subject read as another in a report).
 */
function isPrintableIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 255 && !hasControlCharacters(value) && !hasFormatCharacters(value);
}

function stringClaim(payload: JWTPayload, path: string): string | null {
  const value = claimAt(payload, path);
  return isPrintableIdentifier(value) ? value : null;
}

function reject(reason: string): never {
  throw new CaregraphError('UNAUTHENTICATED', `The token is not acceptable: ${reason}.`);
}

/** Turns verified claims into a viewer, refusing tokens that lack what the access model needs. */
export function viewerFromClaims(payload: JWTPayload, names: ClaimNames = DEFAULT_CLAIM_NAMES): Viewer {
  const rawRole = claimAt(payload, names.role);
  const role: Role | undefined = (Array.isArray(rawRole) ? rawRole : [rawRole]).find(isRole);
  if (!role) reject('no known role');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) reject('no subject');
  if (!isPrintableIdentifier(payload.sub)) reject('a subject that is not printable text of at most 255 characters');
  const organizationId = idClaim(payload, names.organization, 'organization');
  if (isOrganizationRole(role) && !organizationId) reject('no organization');
  const patientId = idClaim(payload, names.patient, 'patient');
  if (role === 'patient' && !patientId) reject('a patient token names no patient');
  const deviceId = idClaim(payload, names.device, 'device');
  if (role === 'device' && !deviceId) reject('a device token names no device');
  const scope = claimAt(payload, 'scope') ?? claimAt(payload, 'scp');
  const scopes = Array.isArray(scope) ? scope.filter((s) => typeof s === 'string') : typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
  const amr = Array.isArray(payload.amr) ? payload.amr.filter((m): m is string => typeof m === 'string') : [];
  return {
    sub: payload.sub,
    role,
    organizationId: isOrganizationRole(role) ? organizationId : null,
    scopes,
    patientId: role === 'patient' ? patientId : null,
    deviceId: role === 'device' ? deviceId : null,
    mfa: amr.some((method) => MFA_METHODS.has(method)),
    clientId: stringClaim(payload, 'azp') ?? stringClaim(payload, 'client_id'),
  };
}
