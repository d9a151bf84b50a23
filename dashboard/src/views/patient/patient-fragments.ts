import { graphql } from '../../gql/index.ts';

/** What the devices panel shows of each of a patient's devices (patient page, my record). */
export const DeviceSummaryFragment = graphql(`
  fragment DeviceSummary on Device {
    id
    kind
    model
    manufacturer
    firmwareVersion
    serialNumber
    status
    lastSeenAt
  }
`);

/** A latest reading as the vitals panels show it. */
export const LatestVitalFragment = graphql(`
  fragment LatestVital on Observation {
    code
    display
    value
    unit
    effectiveAt
  }
`);
