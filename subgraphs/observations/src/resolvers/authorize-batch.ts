import { refuse } from '@caregraph/platform';
import { CaregraphError } from '@caregraph/schema-standards';
import type { ObservationsContext } from '../context.ts';
import type { ObservationInput } from '../validation.ts';

function notFound(what: 'Patient' | 'Device', index: number, field: string): CaregraphError {
  return new CaregraphError('NOT_FOUND', `${what} of input[${index}] not found.`, { field: `input[${index}].${field}` });
}

/**
 * Record-level checks for a batch, asked of the domains that own patients and devices, as the
 * caller (one batched lookup each): every patient and device must be within the caller's reach.
 * A device principal may record only as itself, only for the patient it is assigned to now.
 */
export async function authorizeBatch(batch: ObservationInput[], context: ObservationsContext): Promise<ObservationInput[]> {
  const viewer = context.request.viewer!;
  const items =
    viewer.role === 'device'
      ? batch.map((item, index) => {
          if (item.deviceId && item.deviceId !== viewer.deviceId) {
            throw refuse(context.audit, 'Observation', `input[${index}].deviceId`, `A device may record only its own readings (input[${index}].deviceId).`);
          }
          return { ...item, deviceId: viewer.deviceId };
        })
      : batch;

  const deviceIds = [...new Set(items.flatMap((item) => (item.deviceId ? [item.deviceId] : [])))];
  const devices = await context.devices(deviceIds, context.request);
  items.forEach((item, index) => {
    if (item.deviceId && !devices.has(item.deviceId)) throw notFound('Device', index, 'deviceId');
  });

  if (viewer.role === 'device') {
    const assigned = devices.get(viewer.deviceId!)?.assignedPatient?.id;
    items.forEach((item, index) => {
      if (item.patientId !== assigned) throw notFound('Patient', index, 'patientId');
    });
    return items;
  }

  const patients = await context.patients([...new Set(items.map((item) => item.patientId))], context.request);
  items.forEach((item, index) => {
    if (!patients.has(item.patientId)) throw notFound('Patient', index, 'patientId');
  });
  return items;
}
