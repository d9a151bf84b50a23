import { graphql } from '../../gql/index.ts';

/** The signed-in patient's own record, devices and latest vitals: three domains, one request. */
export const MyRecordQuery = graphql(`
  query MyRecord($id: ID!) {
    patient(id: $id) {
      id
      mrn
      name {
        text
      }
      birthDate
      sex
      contact {
        email
        phone
      }
      devices {
        ...DeviceSummary
      }
      latestVitals {
        ...LatestVital
      }
    }
  }
`);
