import { graphql } from '../../gql/index.ts';

/** One query for the page's record, devices and latest vitals: three domains, one request. */
export const PatientRecordQuery = graphql(`
  query PatientRecord($id: ID!) {
    patient(id: $id) {
      id
      mrn
      name {
        text
      }
      birthDate
      sex
      ageBand
      contact {
        email
        phone
      }
      careTeam
      devices {
        ...DeviceSummary
      }
      latestVitals {
        ...LatestVital
      }
    }
  }
`);

export const VitalsSummaryQuery = graphql(`
  query PatientVitalsSummary($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket!) {
    patient(id: $id) {
      id
      vitalsSummary(code: $code, from: $from, to: $to, bucket: $bucket) {
        start
        min
        max
        mean
        count
      }
    }
  }
`);

export const VitalReadingsQuery = graphql(`
  query PatientVitalReadings($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {
    patient(id: $id) {
      id
      observations(code: $code, from: $from, to: $to, first: 100) {
        edges {
          node {
            id
            value
            unit
            effectiveAt
            status
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);
