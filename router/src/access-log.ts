import { circumstancesOf, type AccessRecord, type RequestInfo, type SubgraphTransport } from '@caregraph/platform';

const RECORD_ACCESS = `mutation RecordAccess($request: AccessRequestInput!, $records: [AccessRecordInput!]!) {
  recordAccess(request: $request, records: $records)
}`;

/** Where the router records what each request read or was refused, across all subgraphs. */
export interface AccessLog {
  /** Resolves once the records are durable; throws otherwise (the caller then withholds the answer). */
  record(request: RequestInfo, records: AccessRecord[]): Promise<void>;
}

/**
 * The audit subgraph's internal `recordAccess`, reached like any peer (in memory or over HTTP with
 * the router's service proof), so the router needs no database of its own.
 */
export function accessLogVia(audit: SubgraphTransport): AccessLog {
  return {
    async record(request, records) {
      if (records.length === 0) return;
      const { actor, ...rest } = circumstancesOf(request);
      const variables = {
        request: { ...rest, actorSub: actor.sub, actorRole: actor.role, actorOrganizationId: actor.organizationId, clientId: actor.clientId },
        records: records.map((record) => ({ ...record, action: record.action.toUpperCase(), outcome: record.outcome.toUpperCase() })),
      };
      const result = await audit.execute({ query: RECORD_ACCESS, variables }, { requestId: request.requestId, viewer: null, token: null });
      if (result.errors?.length || result.data?.['recordAccess'] !== records.length) {
        throw new Error(`the audit service did not record the request's accesses (${result.errors?.[0]?.extensions?.['code'] ?? 'no count'})`);
      }
    },
  };
}
