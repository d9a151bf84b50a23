import { CaregraphError } from '@caregraph/schema-standards';
import type { AuditRecorder } from '../audit/recorder.ts';

/**
 * A refusal decided inside a resolver (on arguments or input, where a field rule cannot see):
 * recorded in the audit trail like every refusal by the field rules, then thrown as FORBIDDEN.
 */
export function refuse(audit: AuditRecorder, resourceType: string, field: string, message: string): CaregraphError {
  audit.denied(resourceType, [field]);
  return new CaregraphError('FORBIDDEN', message, { field });
}
