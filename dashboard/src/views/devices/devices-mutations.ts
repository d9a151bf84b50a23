import { graphql } from '../../gql/index.ts';

export const RegisterDeviceMutation = graphql(`
  mutation RegisterDevice($input: RegisterDeviceInput!) {
    registerDevice(input: $input) {
      ...FleetDevice
    }
  }
`);

export const AssignDeviceMutation = graphql(`
  mutation AssignDevice($deviceId: ID!, $patientId: ID!) {
    assignDevice(deviceId: $deviceId, patientId: $patientId) {
      ...FleetDevice
    }
  }
`);

export const UnassignDeviceMutation = graphql(`
  mutation UnassignDevice($deviceId: ID!) {
    unassignDevice(deviceId: $deviceId) {
      ...FleetDevice
    }
  }
`);
