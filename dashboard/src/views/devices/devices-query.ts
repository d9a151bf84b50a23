import { graphql } from '../../gql/index.ts';

export const DEVICE_PAGE_SIZE = 25;
/** The patients an assignment offers: one page of the organization's (the API's maximum). */
export const ASSIGNABLE_PATIENTS = 100;

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

export const AssignablePatientsQuery = graphql(`
  query AssignablePatients($first: Int!) {
    patients(first: $first) {
      edges {
        node {
          id
          mrn
          name {
            text
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
