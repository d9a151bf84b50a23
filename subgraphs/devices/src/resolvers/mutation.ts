import { isUniqueViolation, organizationOf } from '@caregraph/platform';
import { badUserInput, isId, notFound } from '@caregraph/schema-standards';
import type { DevicesContext } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { checkRegisterDevice } from '../validation.ts';

async function existingDevice(id: string, context: DevicesContext) {
  const device = isId(id) ? await context.loaders.deviceById.load(id) : null;
  if (!device) throw notFound('Device');
  return device;
}

export const Mutation: MutationResolvers = {
  async registerDevice(_, args, context) {
    const organizationId = organizationOf(context.request);
    const fields = checkRegisterDevice(args.input);
    try {
      return await context.repository.insert({ ...fields, organizationId }, (tx, device) =>
        context.audit.write('create', 'Device', device.id, null, Object.keys(args.input), tx),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'devices_organization_serial_key')) {
        throw badUserInput('input.serialNumber', 'is already registered in this organization');
      }
      throw error;
    }
  },

  async assignDevice(_, args, context) {
    organizationOf(context.request);
    const device = await existingDevice(args.deviceId, context);
    // The patients domain owns patients: ask it (as the caller), never its tables. It answers only
    // for patients in the caller's reach, hence in the caller's organization, which is the device's.
    const patient = isId(args.patientId)
      ? (await context.patients([args.patientId], context.request)).get(args.patientId)
      : undefined;
    if (!patient || device.organizationId !== context.request.viewer?.organizationId) throw notFound('Patient');
    if (device.status === 'RETIRED') throw badUserInput('deviceId', 'a retired device cannot be assigned');
    return context.repository.assign(device, patient.id, (tx) =>
      context.audit.write('update', 'Device', device.id, patient.id, ['assignedPatient'], tx),
    );
  },

  async unassignDevice(_, args, context) {
    organizationOf(context.request);
    const device = await existingDevice(args.deviceId, context);
    if (!device.assignedPatientId) return device;
    const previous = device.assignedPatientId;
    return context.repository.unassign(device, (tx) => context.audit.write('update', 'Device', device.id, previous, ['assignedPatient'], tx));
  },

  /** Internal (ingestion): reached only by the observations domain, as the caller who sent readings. */
  async markDevicesSeen(_, args, context) {
    const organizationId = organizationOf(context.request);
    const ids = args.deviceIds.filter(isId);
    if (ids.length !== args.deviceIds.length || ids.length > 1_000) throw badUserInput('deviceIds', 'holds an invalid id or more than 1000 ids');
    return context.repository.markSeen(organizationId, ids);
  },

  /** Internal (erasePatient): reached only by the patients domain, never through the router. */
  async forgetPatient(_, args, context) {
    const organizationId = organizationOf(context.request);
    if (!isId(args.patientId)) throw badUserInput('patientId', 'is not a valid id');
    return context.repository.forgetPatient(organizationId, args.patientId, (tx, count) =>
      context.audit.write('delete', 'DeviceAssignment', null, args.patientId, [`${count} devices unassigned`], tx),
    );
  },
};
