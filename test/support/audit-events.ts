import type { AuditRow } from './audit-trail.ts';
import type { GraphQLClient } from './platform.ts';

const EVENTS = /* GraphQL */ `
  query ($requestId: String, $actor: ID, $outcome: AuditOutcome) {
    auditEvents(first: 100, requestId: $requestId, actor: $actor, outcome: $outcome) {
      edges { node { action outcome resourceType resourceId patientId fields actor requestId } }
    }
  }
`;

interface EventNode {
  action: string;
  outcome: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  fields: string[];
  actor: string | null;
  requestId: string;
}

/**
 * The audit trail as an auditor reads it, through `auditEvents` (whichever databases hold it), in
 * the shape the direct reader gives (audit-trail.ts), newest first. Only events of the auditor's
 * organization's callers: a caller without an organization (anonymous, analyst) is not in it.
 */
export async function auditEventsOf(auditor: GraphQLClient, filter: { requestId?: string; actor?: string; outcome?: 'SUCCESS' | 'DENIED' | 'FAILURE' }): Promise<AuditRow[]> {
  const response = await auditor<{ auditEvents: { edges: { node: EventNode }[] } }>(EVENTS, filter);
  if (response.errors || !response.data?.auditEvents) throw new Error(`auditEvents failed: ${JSON.stringify(response.errors)}`);
  return response.data.auditEvents.edges.map(({ node }) => ({
    chain: '',
    action: node.action.toLowerCase(),
    outcome: node.outcome.toLowerCase(),
    resource_type: node.resourceType,
    resource_id: node.resourceId,
    patient_id: node.patientId,
    fields: node.fields,
    actor_sub: node.actor,
    request_id: node.requestId,
  }));
}
