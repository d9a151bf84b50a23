import type { AuditAction, AuditEntry, AuditLog, AuditOutcome } from '@caregraph/platform';
import { badUserInput, isId } from '@caregraph/schema-standards';

export interface AccessRequestInput {
  requestId: string;
  clientRequestId?: string | null;
  actorSub?: string | null;
  actorRole?: string | null;
  actorOrganizationId?: string | null;
  clientId?: string | null;
  traceId?: string | null;
  sourceAddress?: string | null;
  userAgent?: string | null;
}

export interface AccessRecordInput {
  action: Uppercase<AuditAction>;
  outcome: Uppercase<AuditOutcome>;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  fields: string[];
}

/** More than any one request can touch (100 patients a page, a few resource types each). */
const MAX_RECORDS = 5_000;
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const FIELD = /^[A-Za-z0-9_.*:[\] -]{1,128}$/;

/**
 * Columns of type uuid: checked here, because appends are committed in groups and one value the
 * database refuses would fail every other request's records in the same group.
 */
function uuidOrNull(field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!isId(value)) throw badUserInput(field, 'is not a valid id');
  return value;
}

function bounded(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  if (value.length > max) throw badUserInput(field, `is longer than ${max} characters`);
  return value;
}

/**
 * The router's record of what one request read or was refused, across every subgraph, appended to
 * the `access` chain as one batch. The router is trusted to say who asked; the checks here keep a
 * bug from writing garbage into a log that can never be corrected.
 */
export async function recordAccess(log: AuditLog, request: AccessRequestInput, records: AccessRecordInput[]): Promise<number> {
  if (records.length > MAX_RECORDS) throw badUserInput('records', `holds more than ${MAX_RECORDS} records`);
  const circumstances = {
    actor: {
      sub: bounded('request.actorSub', request.actorSub, 256),
      role: bounded('request.actorRole', request.actorRole, 64),
      organizationId: uuidOrNull('request.actorOrganizationId', request.actorOrganizationId),
      clientId: bounded('request.clientId', request.clientId, 256),
    },
    requestId: bounded('request.requestId', request.requestId, 128)!,
    clientRequestId: bounded('request.clientRequestId', request.clientRequestId, 128),
    traceId: bounded('request.traceId', request.traceId, 64),
    sourceAddress: bounded('request.sourceAddress', request.sourceAddress, 256),
    userAgent: bounded('request.userAgent', request.userAgent, 256),
  };
  const entries: AuditEntry[] = records.map((record, index) => {
    if (!RESOURCE_TYPE.test(record.resourceType)) throw badUserInput(`records[${index}].resourceType`, 'is not a type name');
    if (record.fields.length > 256 || !record.fields.every((field) => FIELD.test(field))) {
      throw badUserInput(`records[${index}].fields`, 'are not field names');
    }
    return {
      action: record.action.toLowerCase() as AuditAction,
      outcome: record.outcome.toLowerCase() as AuditOutcome,
      resourceType: record.resourceType,
      resourceId: bounded(`records[${index}].resourceId`, record.resourceId, 64),
      patientId: uuidOrNull(`records[${index}].patientId`, record.patientId),
      fields: record.fields,
      ...circumstances,
    };
  });
  await log.append(entries);
  return entries.length;
}
