import { refuse } from '@caregraph/platform';
import { ProblemList } from '@caregraph/schema-standards';
import type { DeviceRef, ObservationsContext } from '../context.ts';
import { deviceKindMeasures } from '../device-kinds.ts';
import type { CheckedObservation } from '../validation.ts';
import { CLOCK_SKEW_MS } from '../validation.ts';

/** Whether the device was assigned to the patient at `at` (device clocks may be off by the skew we allow). */
function assignedAt(device: DeviceRef, patientId: string, at: Date): boolean {
  const time = at.getTime();
  return device.assignmentsDuring.some(
    (a) =>
      a.patientId === patientId &&
      Date.parse(a.assignedAt) - CLOCK_SKEW_MS <= time &&
      (a.unassignedAt === null || time <= Date.parse(a.unassignedAt) + CLOCK_SKEW_MS),
  );
}

/** The patient a device is assigned to now: its assignment that has not ended. */
function currentPatient(device: DeviceRef | undefined): string | undefined {
  return device?.assignmentsDuring.find((a) => a.unassignedAt === null)?.patientId;
}

/**
 * Record-level checks for a batch, asked of the domains that own patients and devices, as the
 * caller (one batched lookup each): every patient and device must be within the caller's reach.
 * A device principal may record only as itself, only for the patient it is assigned to now. Then
 * provenance: a reading naming a device must be one that kind of device measures, taken while the
 * device was assigned to that patient. Every failing item is reported, not only the first.
 */
export async function authorizeBatch(batch: CheckedObservation[], context: ObservationsContext): Promise<CheckedObservation[]> {
  const viewer = context.request.viewer!;
  const items =
    viewer.role === 'device'
      ? batch.map((item, index) => {
          if (item.deviceId && item.deviceId !== viewer.deviceId) {
            throw refuse(context.audit, 'Observation', `input[${index}].deviceId`, `A device may record only its own readings (input[${index}].deviceId).`);
          }
          return { ...item, deviceId: viewer.deviceId! };
        })
      : batch;

  const withDevice = items.filter((item) => item.deviceId);
  const times = withDevice.map((item) => item.effectiveAt.getTime());
  // Up to now, so the device's current assignment is in the answer too (a device records only for it);
  // from the skew before the earliest reading, so an assignment that ended within it is in the answer too.
  const range = times.length > 0 ? { from: new Date(Math.min(...times) - CLOCK_SKEW_MS), to: new Date(Math.max(Date.now(), ...times)) } : null;
  // Both domains at once: the lookups do not depend on each other.
  const [devices, patients] = await Promise.all([
    range ? context.devices([...new Set(withDevice.map((item) => item.deviceId!))], context.request, range) : new Map<string, DeviceRef>(),
    viewer.role === 'device' ? null : context.patients([...new Set(items.map((item) => item.patientId))], context.request),
  ]);

  const missing = new ProblemList();
  items.forEach((item, index) => {
    if (item.deviceId && !devices.has(item.deviceId)) missing.add(`input[${index}].deviceId`, 'is not a device within reach');
    const reachable = patients ? patients.has(item.patientId) : item.patientId === currentPatient(devices.get(viewer.deviceId!));
    if (!reachable) missing.add(`input[${index}].patientId`, 'is not a patient within reach');
  });
  missing.throwIfAny('NOT_FOUND');

  const problems = new ProblemList();
  items.forEach((item, index) => {
    const device = item.deviceId ? devices.get(item.deviceId)! : null;
    if (!device) return;
    if (!deviceKindMeasures(device.ingestionKind, item.code)) {
      problems.add(`input[${index}].code`, `is not a vital sign a ${device.ingestionKind} measures`);
    }
    if (!assignedAt(device, item.patientId, item.effectiveAt)) {
      problems.add(`input[${index}].deviceId`, 'was not assigned to the patient at effectiveAt');
    }
  });
  problems.throwIfAny();
  return items;
}
