import { graphql } from '../../gql/index.ts';

export const PAGE_SIZE = 20;

export const MyPatientsQuery = graphql(`
  query MyPatients($first: Int!, $after: String, $filter: PatientFilterInput) {
    patients(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          name {
            text
          }
          ageBand
          devices {
            id
            kind
            status
            lastSeenAt
          }
          latestVitals {
            code
            display
            value
            unit
            effectiveAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
