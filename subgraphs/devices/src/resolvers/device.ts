import type { DeviceRecord } from '../db/device-repository.ts';
import type { DevicesContext } from '../context.ts';

export const Device = {
  __resolveReference(reference: { id: string }, context: DevicesContext) {
    return context.loaders.deviceById.load(reference.id);
  },
  assignedPatient(device: DeviceRecord) {
    // A reference: the patients subgraph resolves the rest of the patient.
    return device.assignedPatientId ? { __typename: 'Patient', id: device.assignedPatientId } : null;
  },
};

/** The devices domain's part of Patient: the devices assigned to the patient now. */
export const Patient = {
  devices(patient: { id: string }, _args: unknown, context: DevicesContext) {
    return context.loaders.devicesByPatientId.load(patient.id);
  },
};
