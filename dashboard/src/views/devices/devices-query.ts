import { graphql } from '../../gql/index.ts';

export const DEVICE_PAGE_SIZE = 25;

/** What the fleet table shows of one device; the mutations answer with it, so a row can be redrawn from either. */
export const FleetDeviceFragment = graphql(`
  fragment FleetDevice on Device {
    id
    kind
    serialNumber
    model
    manufacturer
    firmwareVersion
    status
    lastSeenAt
    assignedPatient {
      id
      name {
        text
      }
    }
  }
`);

export const DeviceFleetQuery = graphql(`
  query DeviceFleet($first: Int!, $after: String) {
    devices(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...FleetDevice
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The patient a device is assigned to, found by MRN: the dialog reads only that one patient's name (every read is in the patient's access log). */
export const PatientByMrnQuery = graphql(`
  query PatientByMrn($mrn: String!) {
    patients(first: 1, filter: { mrn: $mrn }) {
      edges {
        node {
          id
          mrn
          name {
            text
          }
        }
      }
    }
  }
`);
