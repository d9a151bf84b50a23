import DataLoader from 'dataloader';
import { groupBy, loaderByArgs, type ScopeResolver } from '@caregraph/platform';
import type { DeviceAssignmentRecord, DeviceRecord, DeviceRepository } from './db/device-repository.ts';

/** Per-request loaders: all device reads of one request are batched into one query per shape. */
export function createLoaders(repository: DeviceRepository, scope: ScopeResolver) {
  const deviceById = new DataLoader<string, DeviceRecord | null>(async (ids) => {
    const rows = await repository.findByIds(await scope(), ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const devicesByPatientId = new DataLoader<string, DeviceRecord[]>(async (patientIds) => {
    const rows = await repository.assignedTo(await scope.forPatients(patientIds), patientIds);
    for (const row of rows) deviceById.prime(row.id, row);
    return groupBy(patientIds, rows, (row) => row.assignedPatientId);
  });
  // Only ever asked of devices already reached (the field sits on a resolved Device).
  const assignmentsDuring = loaderByArgs<{ from: Date; to: Date }, DeviceAssignmentRecord[]>(async (deviceIds, { from, to }) =>
    groupBy(deviceIds, await repository.assignmentsDuring(deviceIds, from, to), (row) => row.deviceId),
  );
  return { deviceById, devicesByPatientId, assignmentsDuring };
}

export type DeviceLoaders = ReturnType<typeof createLoaders>;
