import { allow, platformOnly, rules } from '@caregraph/platform';

/** Field-level rules of the audit subgraph: the trail is for auditors; a patient's log for them and their admins. */
export const permissions = {
  Query: { auditEvents: rules.readAudit },
  // Internal (@inaccessible): how the router records each request's accesses.
  Mutation: { recordAccess: platformOnly },
  Patient: { id: rules.signedIn, accessLog: rules.readAccessLog },
  AuditEvent: {
    id: allow,
    occurredAt: allow,
    action: allow,
    outcome: allow,
    actor: allow,
    actorRole: allow,
    clientId: allow,
    resourceType: allow,
    resourceId: allow,
    patientId: allow,
    fields: allow,
    requestId: allow,
    clientRequestId: allow,
    sourceAddress: allow,
  },
  AuditEventConnection: { edges: allow, pageInfo: allow },
  AuditEventEdge: { cursor: allow, node: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
};
