import type { AuditEventRow, AuditLog, AuditRecorder, RequestInfo } from '@caregraph/platform';
import { badUserInput, decodeKeyset, isId, notFound, pageSize, scalarResolvers, toConnection, type PageArgs } from '@caregraph/schema-standards';
import type { TrailCursor } from '@caregraph/platform';
import type { AuditOutcome } from './generated/resolvers-types.ts';
import type { TrailReader } from './trail-reader.ts';
import { recordAccess, type AccessRecordInput, type AccessRequestInput } from './record-access.ts';

export interface AuditContext {
  request: RequestInfo;
  /** The whole trail, across every domain's database. */
  events: TrailReader;
  audit: AuditRecorder;
  /** The chain the router's records of each request's accesses go to. */
  accessLog: AuditLog;
  /** Whether the caller can reach the patient (asked of the patients domain, as the caller). */
  canReachPatient(patientId: string): Promise<boolean>;
}

function cursorOf(row: AuditEventRow): (string | number)[] {
  return [row.occurredAt.getTime(), row.chain, row.seq];
}

function afterOf(after: string | null | undefined): TrailCursor | null {
  const cursor = decodeKeyset(after, ['instant', 'name', 'count']);
  return cursor ? { occurredAt: cursor[0], chain: cursor[1], seq: cursor[2] } : null;
}

async function page(context: AuditContext, args: PageArgs, filter: Parameters<TrailReader['page']>[0]) {
  const size = pageSize(args.first);
  const rows = await context.events.page(filter, size + 1, afterOf(args.after));
  return toConnection(rows, size, cursorOf);
}

export const resolvers = {
  DateTime: scalarResolvers.DateTime,
  Query: {
    async auditEvents(
      _: unknown,
      args: PageArgs & {
        patientId?: string | null;
        actor?: string | null;
        requestId?: string | null;
        outcome?: AuditOutcome | null;
        from?: Date | null;
        to?: Date | null;
      },
      context: AuditContext,
    ) {
      const organizationId = context.request.viewer?.organizationId;
      if (!organizationId) throw notFound('AuditEvent');
      if (args.patientId != null && !isId(args.patientId)) throw badUserInput('patientId', 'is not a valid id');
      const events = await page(context, args, {
        actorOrganizationId: organizationId,
        ...(args.patientId ? { patientId: args.patientId } : {}),
        ...(args.actor ? { actor: args.actor } : {}),
        ...(args.requestId ? { requestId: args.requestId } : {}),
        // The trail stores outcomes in lower case (AuditOutcome of the platform).
        ...(args.outcome ? { outcome: args.outcome.toLowerCase() as Lowercase<AuditOutcome> } : {}),
        from: args.from ?? null,
        to: args.to ?? null,
      });
      // Reading the audit trail is itself audited. It goes into a patient's accounting of
      // disclosures only when events about them were disclosed: a search for a patient of another
      // organization (which finds none of this organization's events) is recorded against the id
      // searched for, not written into that patient's access log.
      const disclosedAbout = args.patientId && (events.edges.length > 0 || events.pageInfo.hasNextPage) ? args.patientId : null;
      context.audit.read('AuditEvent', disclosedAbout, disclosedAbout ? null : (args.patientId ?? null), ['auditEvents']);
      return events;
    },
  },
  Mutation: {
    recordAccess: (_: unknown, args: { request: AccessRequestInput; records: AccessRecordInput[] }, context: AuditContext) =>
      recordAccess(context.accessLog, args.request, args.records),
  },
  Patient: {
    async accessLog(patient: { id: string }, args: PageArgs, context: AuditContext) {
      if (!(await context.canReachPatient(patient.id))) throw notFound('Patient');
      context.audit.read('AuditEvent', patient.id, null, ['accessLog']);
      return page(context, args, { patientId: patient.id });
    },
  },
  AuditEvent: {
    action: (row: AuditEventRow) => row.action.toUpperCase(),
    outcome: (row: AuditEventRow) => row.outcome.toUpperCase(),
    actor: (row: AuditEventRow) => row.actorSub,
  },
};
