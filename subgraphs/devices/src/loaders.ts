import DataLoader from 'dataloader';
import { groupBy, type ScopeResolver } from '@caregraph/platform';
import type { DeviceRecord, DeviceRepository } from './db/device-repository.ts';

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
  return { deviceById, devicesByPatientId };
}

export type DeviceLoaders = ReturnType<typeof createLoaders>;
