import { graphql } from '../../gql/index.ts';

export const ACCESS_LOG_PAGE_SIZE = 20;

export const PatientAccessLogQuery = graphql(`
  query PatientAccessLog($id: ID!, $first: Int!, $after: String) {
    patient(id: $id) {
      id
      accessLog(first: $first, after: $after) {
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
            fields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
