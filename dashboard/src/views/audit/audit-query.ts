import { graphql } from '../../gql/index.ts';

export const AUDIT_PAGE_SIZE = 50;

export const AuditTrailQuery = graphql(`
  query AuditTrail(
    $first: Int!
    $after: String
    $patientId: ID
    $actor: ID
    $requestId: String
    $outcome: AuditOutcome
    $from: DateTime
    $to: DateTime
  ) {
    auditEvents(
      first: $first
      after: $after
      patientId: $patientId
      actor: $actor
      requestId: $requestId
      outcome: $outcome
      from: $from
      to: $to
    ) {
      edges {
        cursor
        node {
          id
          occurredAt
          action
          outcome
          actor
          actorRole
          clientId
          resourceType
          resourceId
          patientId
          fields
          requestId
          clientRequestId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
