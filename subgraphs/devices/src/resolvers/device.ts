import type { DeviceResolvers, PatientResolvers } from '../generated/resolvers-types.ts';

export const Device: DeviceResolvers = {
  __resolveReference(reference, context) {
    return context.loaders.deviceById.load(reference.id);
  },
  assignedPatient(device) {
    // A reference: the patients subgraph resolves the rest of the patient.
    return device.assignedPatientId ? { __typename: 'Patient', id: device.assignedPatientId } : null;
  },
  ingestionKind(device) {
    return device.kind;
  },
  assignmentsDuring(device, args, context) {
    return context.loaders.assignmentsDuring.load({ id: device.id, args: { from: args.from, to: args.to } });
  },
};

/** The devices domain's part of Patient: the devices assigned to the patient now. */
export const Patient: PatientResolvers = {
  devices(patient, _args, context) {
    return context.loaders.devicesByPatientId.load(patient.id);
  },
};
