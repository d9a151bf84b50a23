import { allow, rules } from '@caregraph/platform';

/** Field-level rules of the devices subgraph (record-level scope is in the repository). */
export const permissions = {
  Query: { device: rules.readDevices, devices: rules.readDevices },
  Mutation: {
    registerDevice: rules.manageDevices,
    assignDevice: rules.manageDevices,
    unassignDevice: rules.manageDevices,
    forgetPatient: rules.managePatients,
    // Whoever may record observations makes their devices "seen" (the observations domain asks).
    markDevicesSeen: rules.recordObservations,
  },
  Device: {
    id: rules.signedIn,
    organizationId: rules.readDevices,
    serialNumber: rules.readDeviceIdentifiers,
    kind: rules.readDevices,
    model: rules.readDevices,
    manufacturer: rules.readDevices,
    firmwareVersion: rules.readDevices,
    status: rules.readDevices,
    assignedPatient: rules.readDevices,
    lastSeenAt: rules.readDevices,
    // Internal: the observations domain checks a batch against them, as the caller who records it.
    ingestionKind: rules.recordObservations,
    assignmentsDuring: rules.recordObservations,
  },
  DeviceAssignment: { patientId: allow, assignedAt: allow, unassignedAt: allow },
  Patient: { id: rules.signedIn, devices: rules.readDevices },
  DeviceConnection: { edges: allow, pageInfo: allow },
  DeviceEdge: { cursor: allow, node: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
};
